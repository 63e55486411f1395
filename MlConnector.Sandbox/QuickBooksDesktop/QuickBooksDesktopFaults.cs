namespace MlConnector.Sandbox.QuickBooksDesktop;

/// <summary>
/// Random faults the simulated Web Connector and its QuickBooks Desktop company file inject once <see cref="Enable"/> is
/// called (the chaos run), each counted so a run can prove it really injected them. Off by default.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>QuickBooks closed for a while: an update that has work finds the company file cannot be opened, so the Web
/// Connector calls <c>connectionError</c> with HRESULT <c>0x80040401</c> ("could not access QuickBooks", PROTOCOL-NOTES §3,
/// Intuit's WCWebService sample) instead of <c>sendRequestXML</c>; a closure lasts <see cref="ClosedUpdates"/> updates.</item>
/// <item>A session dropped mid-queue: the Web Connector stops calling <c>sendRequestXML</c> / <c>receiveResponseXML</c>
/// partway and never calls <c>closeConnection</c>, as when the PC sleeps. Half of the drops happen after QuickBooks did a
/// request and before its answer was reported (the write is committed, the answer lost), half right after an answer was
/// reported.</item>
/// <item>A concurrent edit: a person saves the transaction in QuickBooks just before a Mod arrives, so its EditSequence is
/// stale and QuickBooks answers status 3200.</item>
/// <item>A server error on the SOAP transport: a call to the endpoint is answered 502 or 503 by the network in front of it,
/// either before the call reached the endpoint or after the endpoint handled it (its answer lost); the Web Connector ends the
/// update there and tries again on its next scheduled run.</item>
/// </list>
/// Rolls come from one seeded <see cref="Random"/>.
/// </remarks>
public sealed class QuickBooksDesktopFaults() : SeededFaults(faultKinds: 4, counters: 5)
{
    private const int Closed = 0;
    private const int Drop = 1;
    private const int ConcurrentEdit = 2;
    private const int ServerError = 3;
    private const int LostResponse = 4;

    private int _closedLeft;

    /// <summary>How many consecutive updates one closure lasts. Default 3.</summary>
    public int ClosedUpdates { get; set; } = 3;

    /// <summary>Updates that found QuickBooks closed so far.</summary>
    public int ClosedSessions => Counted(Closed);

    /// <summary>Sessions the Web Connector dropped mid-queue so far.</summary>
    public int DroppedSessions => Counted(Drop);

    /// <summary>Of <see cref="DroppedSessions"/>, those dropped after QuickBooks did a request and before its answer was reported.</summary>
    public int LostResponses => Counted(LostResponse);

    /// <summary>Transactions edited in QuickBooks just before a Mod so far.</summary>
    public int ConcurrentEdits => Counted(ConcurrentEdit);

    /// <summary>SOAP calls answered 5xx so far.</summary>
    public int ServerErrors => Counted(ServerError);

    /// <summary>Switches faults on with these probabilities (each 0–1).</summary>
    /// <param name="closedRate">Share of updates with work that start a closure of <see cref="ClosedUpdates"/> updates.</param>
    /// <param name="dropRate">Share of processed requests after which the session is dropped.</param>
    /// <param name="concurrentEditRate">Share of Mods preceded by an edit in QuickBooks.</param>
    /// <param name="serverErrorRate">Share of SOAP calls answered 5xx.</param>
    /// <param name="seed">The seed of the rolls.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a rate is outside 0–1.</exception>
    public void Enable(double closedRate, double dropRate, double concurrentEditRate, double serverErrorRate, int seed) =>
        EnableRates(seed, closedRate, dropRate, concurrentEditRate, serverErrorRate);

    /// <summary>True (and counted) when this update finds QuickBooks closed.</summary>
    internal bool RollClosed()
    {
        var closed = Draw((random, rates) =>
        {
            if (_closedLeft == 0 && rates[Closed] > 0 && random.NextDouble() < rates[Closed])
            {
                _closedLeft = Math.Max(1, ClosedUpdates);
            }

            if (_closedLeft == 0)
            {
                return false;
            }

            _closedLeft--;
            return true;
        });
        if (closed)
        {
            Count(Closed);
        }

        return closed;
    }

    /// <summary>Whether (and when) the session is dropped after this request; counted.</summary>
    internal QuickBooksDesktopDrop RollDrop()
    {
        var drop = Draw((random, rates) =>
            rates[Drop] <= 0 || random.NextDouble() >= rates[Drop] ? QuickBooksDesktopDrop.None
            : random.Next(2) == 0 ? QuickBooksDesktopDrop.BeforeReport
            : QuickBooksDesktopDrop.AfterReport);
        if (drop != QuickBooksDesktopDrop.None)
        {
            Count(Drop);
        }

        if (drop == QuickBooksDesktopDrop.BeforeReport)
        {
            Count(LostResponse);
        }

        return drop;
    }

    /// <summary>True (and counted) when a person edits the transaction before this Mod.</summary>
    internal bool RollConcurrentEdit() => RollCounted(ConcurrentEdit, ConcurrentEdit);

    /// <summary>Whether this SOAP call is answered 5xx, and whether the endpoint saw it first; counted.</summary>
    internal (int Status, bool AfterEndpoint)? RollServerError()
    {
        var fault = Draw<(int Status, bool AfterEndpoint)?>((random, rates) =>
            rates[ServerError] <= 0 || random.NextDouble() >= rates[ServerError] ? null : (random.Next(2) == 0 ? 502 : 503, random.Next(2) == 0));
        if (fault is not null)
        {
            Count(ServerError);
        }

        return fault;
    }

    /// <summary>QuickBooks opens again.</summary>
    protected override void OnDisabled() => _closedLeft = 0;
}
