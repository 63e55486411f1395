namespace MlConnector.Cli.Bench;

/// <summary>Bench (e): a fresh <c>serve</c> process's peak resident memory after N and after 10×N records through it.</summary>
/// <param name="Records">N: UPS Track Alert deliveries, each recorded, dispatched and run as one tracking workflow.</param>
/// <param name="PeakRssMegabytesAtN">Peak RSS of the process that took N records, MiB.</param>
/// <param name="PeakRssMegabytesAtTenN">Peak RSS of the process that took 10×N records, MiB.</param>
/// <param name="Ratio">The second over the first.</param>
/// <param name="NotAcceptedAtN">Of the N deliveries, those the process did not answer 2xx (a 503 from the bounded record write, a timeout).</param>
/// <param name="NotAcceptedAtTenN">Of the 10×N deliveries, those the process did not answer 2xx.</param>
internal sealed record RssScale(int Records, long PeakRssMegabytesAtN, long PeakRssMegabytesAtTenN, double Ratio, int NotAcceptedAtN, int NotAcceptedAtTenN);
