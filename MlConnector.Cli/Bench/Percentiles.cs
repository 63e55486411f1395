namespace MlConnector.Cli.Bench;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="quantile"/> (0–1) of <paramref name="sorted"/>, rounded to 0.1; 0 when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
    }
}
