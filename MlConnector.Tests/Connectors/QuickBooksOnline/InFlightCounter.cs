namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>Counts requests that have passed the rate governor and not yet been answered (shared by every pipeline of a test).</summary>
public sealed class InFlightCounter
{
    private int _inFlight;
    private int _started;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Started => Volatile.Read(ref _started);

    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private sealed class CountingHandler(InFlightCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._started);
            Interlocked.Increment(ref counter._inFlight);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref counter._inFlight);
            }
        }
    }
}
