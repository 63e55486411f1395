namespace MlConnector.Core.Resilience;

/// <summary>A vendor limit of <see cref="PermitLimit"/> requests in any <see cref="Window"/>, for example 40 per minute.</summary>
public sealed record RateWindow
{
    /// <summary>Creates the window.</summary>
    /// <param name="permitLimit">The requests allowed in any span of <paramref name="window"/>; at least 1.</param>
    /// <param name="window">The span; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">When either is not positive.</exception>
    public RateWindow(int permitLimit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        PermitLimit = permitLimit;
        Window = window;
    }

    /// <summary>The requests allowed in any span of <see cref="Window"/>.</summary>
    public int PermitLimit { get; }

    /// <summary>The span the limit is counted over.</summary>
    public TimeSpan Window { get; }
}
