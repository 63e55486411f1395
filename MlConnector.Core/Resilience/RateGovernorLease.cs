namespace MlConnector.Core.Resilience;

/// <summary>
/// A request's place in a <see cref="RateGovernor"/>: hold it while the request is in flight, then dispose it. The
/// concurrency slot comes back at once; the rate permits come back one window after the dispose.
/// </summary>
public sealed class RateGovernorLease : IDisposable
{
    private RateGovernor? _governor;

    internal RateGovernorLease(RateGovernor governor) => _governor = governor;

    /// <summary>Ends the request's lease. Safe to call more than once.</summary>
    public void Dispose() => Interlocked.Exchange(ref _governor, null)?.Complete();
}
