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
public sealed class QuickBooksDesktopFaults
{
    private readonly Lock _lock = new();
    private Random _random = new(0);
    private double _closedRate;
    private double _dropRate;
    private double _concurrentEditRate;
    private double _serverErrorRate;
    private int _closedLeft;
    private int _closedSessions;
    private int _droppedSessions;
    private int _lostResponses;
    private int _concurrentEdits;
    private int _serverErrors;

    /// <summary>How many consecutive updates one closure lasts. Default 3.</summary>
    public int ClosedUpdates { get; set; } = 3;

    /// <summary>Updates that found QuickBooks closed so far.</summary>
    public int ClosedSessions => Volatile.Read(ref _closedSessions);

    /// <summary>Sessions the Web Connector dropped mid-queue so far.</summary>
    public int DroppedSessions => Volatile.Read(ref _droppedSessions);

    /// <summary>Of <see cref="DroppedSessions"/>, those dropped after QuickBooks did a request and before its answer was reported.</summary>
    public int LostResponses => Volatile.Read(ref _lostResponses);

    /// <summary>Transactions edited in QuickBooks just before a Mod so far.</summary>
    public int ConcurrentEdits => Volatile.Read(ref _concurrentEdits);

    /// <summary>SOAP calls answered 5xx so far.</summary>
    public int ServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>Switches faults on with these probabilities (each 0–1).</summary>
    /// <param name="closedRate">Share of updates with work that start a closure of <see cref="ClosedUpdates"/> updates.</param>
    /// <param name="dropRate">Share of processed requests after which the session is dropped.</param>
    /// <param name="concurrentEditRate">Share of Mods preceded by an edit in QuickBooks.</param>
    /// <param name="serverErrorRate">Share of SOAP calls answered 5xx.</param>
    /// <param name="seed">The seed of the rolls.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a rate is outside 0–1.</exception>
    public void Enable(double closedRate, double dropRate, double concurrentEditRate, double serverErrorRate, int seed)
    {
        foreach (var rate in (double[])[closedRate, dropRate, concurrentEditRate, serverErrorRate])
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rate);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1d);
        }

        lock (_lock)
        {
            _random = new Random(seed);
            (_closedRate, _dropRate, _concurrentEditRate, _serverErrorRate) = (closedRate, dropRate, concurrentEditRate, serverErrorRate);
        }
    }

    /// <summary>Lifts every fault (QuickBooks opens again); the counts stay.</summary>
    public void Disable()
    {
        lock (_lock)
        {
            (_closedRate, _dropRate, _concurrentEditRate, _serverErrorRate, _closedLeft) = (0, 0, 0, 0, 0);
        }
    }

    /// <summary>True (and counted) when this update finds QuickBooks closed.</summary>
    internal bool RollClosed()
    {
        lock (_lock)
        {
            if (_closedLeft == 0 && _closedRate > 0 && _random.NextDouble() < _closedRate)
            {
                _closedLeft = Math.Max(1, ClosedUpdates);
            }

            if (_closedLeft == 0)
            {
                return false;
            }

            _closedLeft--;
        }

        Interlocked.Increment(ref _closedSessions);
        return true;
    }

    /// <summary>Whether (and when) the session is dropped after this request; counted.</summary>
    internal QuickBooksDesktopDrop RollDrop()
    {
        QuickBooksDesktopDrop drop;
        lock (_lock)
        {
            if (_dropRate <= 0 || _random.NextDouble() >= _dropRate)
            {
                return QuickBooksDesktopDrop.None;
            }

            drop = _random.Next(2) == 0 ? QuickBooksDesktopDrop.BeforeReport : QuickBooksDesktopDrop.AfterReport;
        }

        Interlocked.Increment(ref _droppedSessions);
        if (drop == QuickBooksDesktopDrop.BeforeReport)
        {
            Interlocked.Increment(ref _lostResponses);
        }

        return drop;
    }

    /// <summary>True (and counted) when a person edits the transaction before this Mod.</summary>
    internal bool RollConcurrentEdit()
    {
        lock (_lock)
        {
            if (_concurrentEditRate <= 0 || _random.NextDouble() >= _concurrentEditRate)
            {
                return false;
            }
        }

        Interlocked.Increment(ref _concurrentEdits);
        return true;
    }

    /// <summary>Whether this SOAP call is answered 5xx, and whether the endpoint saw it first; counted.</summary>
    internal (int Status, bool AfterEndpoint)? RollServerError()
    {
        lock (_lock)
        {
            if (_serverErrorRate <= 0 || _random.NextDouble() >= _serverErrorRate)
            {
                return null;
            }

            var result = (_random.Next(2) == 0 ? 502 : 503, _random.Next(2) == 0);
            Interlocked.Increment(ref _serverErrors);
            return result;
        }
    }
}
