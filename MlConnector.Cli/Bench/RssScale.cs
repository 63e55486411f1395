namespace MlConnector.Cli.Bench;

/// <summary>Bench (e): a fresh <c>serve</c> process's peak resident memory after N and after 10×N records through it.</summary>
/// <param name="Records">N: UPS Track Alert deliveries, each recorded, dispatched and run as one tracking workflow.</param>
/// <param name="AtN">The process that took N records; null when its run failed.</param>
/// <param name="AtTenN">The process that took 10×N records; null when its run failed (or was not reached).</param>
/// <param name="Failure">What failed, when a run could not be measured or did not process every record; null otherwise.</param>
internal sealed record RssScale(int Records, RssRun? AtN, RssRun? AtTenN, string? Failure)
{
    /// <summary>Peak RSS at 10×N over peak RSS at N (the target is ≤ 1.2); 0 when either is missing.</summary>
    public double Ratio => AtN is { PeakRssMegabytes: > 0 } n && AtTenN is { } tenN ? Math.Round((double)tenN.PeakRssMegabytes / n.PeakRssMegabytes, 2) : 0;

    /// <summary>True when both runs were measured and every record of both went through.</summary>
    public bool Valid => Failure is null && AtN is { Valid: true } && AtTenN is { Valid: true };
}
