namespace MlConnector.Core.Resilience;

/// <summary>A request's place in a <see cref="RateGovernor"/>: hold it while the request is in flight, then dispose it.</summary>
public sealed class RateGovernorLease : IDisposable
{
    private SemaphoreSlim? _concurrency;

    internal RateGovernorLease(SemaphoreSlim? concurrency) => _concurrency = concurrency;

    /// <summary>Releases the concurrency slot. Safe to call more than once.</summary>
    public void Dispose() => Interlocked.Exchange(ref _concurrency, null)?.Release();
}
