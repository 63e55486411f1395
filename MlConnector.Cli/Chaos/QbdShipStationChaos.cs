using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Failures;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Sandbox;
using MlConnector.Sandbox.QuickBooksDesktop;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// QuickBooks Desktop ↔ ShipStation under chaos, on the demo's <c>qbd-shipstation</c> set-up
/// (<see cref="QbdShipStationDemoSandbox"/>: a ShipStation account of its own, a simulated Web Connector and company file
/// with the demo's customers and items). Phase 0 imports the orders into ShipStation and announces them by ORDER_NOTIFY
/// (QuickBooks checks their customers and items); phase 1 ships every order (SHIP_NOTIFY: one invoice per order); phase 2
/// puts a second label on every fourth order (SHIP_NOTIFY: an InvoiceMod of its invoice). Each webhook is delivered one to
/// three times, all shuffled, with Web Connector sessions mixed in; and the Web Connector also runs on its own short
/// schedule for the whole run, as QBWC does, so the workflows waiting for QuickBooks' answers go on between deliveries.
/// </summary>
/// <remarks>
/// Faults of its own simulators: the ShipStation account's (5xx, 429 with Retry-After, lost responses at the run's rates);
/// QuickBooks Desktop closed for a while, Web Connector sessions dropped mid-queue, invoices edited in QuickBooks just before
/// a Mod (stale EditSequence, 3200) and 5xx on the SOAP transport (<see cref="QuickBooksDesktopFaults"/>). A record (an
/// order) is synced when the company file holds exactly one transaction with its order number as RefNumber, for the order's
/// amount, whose memo names each of its shipments' tracking numbers exactly once.
/// </remarks>
internal sealed class QbdShipStationChaos(Random random) : IChaosIntegration
{
    /// <summary>
    /// The SOAP transport's 5xx rate is a quarter of the run's vendor API rate: a session is 2n + 3 calls for n requests and
    /// any failed call ends it, so at the full rate a session of ten requests would almost never reach its end.
    /// </summary>
    public const int SoapServerErrorDivisor = 4;

    private const int MaxOutstandingSessions = 8;
    private const string ConnectionId = QbdShipStationDemoSandbox.ConnectionId;
    private const int BatchSize = 10;
    private static readonly TimeSpan Schedule = TimeSpan.FromMilliseconds(300);

    private readonly List<ChaosQbdOrder> _orders = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private QbdShipStationDemoSandbox? _qbd;
    private Uri? _endpoint;
    private Task? _scheduler;
    private int _share;
    private int _sessions;

    public string Integration => IntegrationKinds.QbdShipStation;

    public IReadOnlyList<string> Connections { get; } = [ConnectionId];

    public int Records => _orders.Count;

    /// <summary>Phase 0: orders (ORDER_NOTIFY); phase 1: every order shipped (SHIP_NOTIFY); phase 2: a second label on every fourth order.</summary>
    public int PhaseCount => 3;

    /// <summary>None beyond the demo sandbox's: the connection carries its ShipStation account's address, the Web Connector calls the host.</summary>
    public IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>();

    /// <summary>Web Connector sessions run so far (scheduled, delivered and those <see cref="OutstandingAsync"/> ran).</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    private QbdShipStationDemoSandbox Qbd => _qbd ?? throw new InvalidOperationException("SetUpAsync has not run.");

    /// <summary>Creates the <c>qbd-shipstation</c> connection, its ShipStation account and company file, as the demo phase does.</summary>
    public async Task SetUpAsync(DemoSandbox sandbox, int records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _qbd = await QbdShipStationDemoSandbox.StartAsync(sandbox.Host, null, cancellationToken);
        _qbd.SeedCompanyFile();
        _share = records;
    }

    public Task<IReadOnlyList<ChaosDelivery>> PlanPhaseAsync(int phase, ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        _endpoint ??= new Uri(host.BaseAddress, QuickBooksDesktopServiceCollectionExtensions.EndpointPath);
        _scheduler ??= RunScheduleAsync(_stop.Token);
        var webhooks = phase switch
        {
            0 => ImportOrders(),
            1 => Ship(_orders, "ups", "1Z999QC"),
            2 => Ship([.. _orders.Where((_, i) => i % 4 == 0)], "fedex", "7777QC"),
            _ => [],
        };
        var sessions = Enumerable.Range(0, Math.Max(2, webhooks.Count / 3)).Select(_ => SessionDelivery());
        return Task.FromResult(ChaosShuffle.Shuffle(webhooks.Concat(sessions), random));
    }

    /// <summary>
    /// 0 when the endpoint has nothing queued for QuickBooks (it answers <c>authenticate</c> with <c>none</c>); else 1. It asks
    /// by running one Web Connector session, which also does what is queued.
    /// </summary>
    /// <summary>1 when a Web Connector session found work queued (or could not tell), 0 when the queue was empty.</summary>
    public string OutstandingKind => "Web Connector session that found qbXML work queued";

    public async ValueTask<int> OutstandingAsync(CancellationToken cancellationToken)
    {
        // A session that met an injected fault (QuickBooks closed, the session dropped, a SOAP 5xx) says nothing about the
        // queue; counting it as outstanding kept resetting the runner's stall clock while a workflow was stuck. Only a session
        // that authenticated decides; a few faulted ones in a row are retried before the queue is called unknown (outstanding).
        for (var attempt = 0; attempt < MaxOutstandingSessions; attempt++)
        {
            try
            {
                var run = await RunSessionAsync(cancellationToken);
                if (run.Authenticated)
                {
                    return run.HadWork ? 1 : 0;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Xml.XmlException)
            {
                return 1; // The host is down or restarting.
            }
        }

        return 1;
    }

    public void EnableFaults(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Qbd.ShipStation.Faults.Enable(options.ServerErrorRate, options.RateLimitRate, options.LostResponseRate, 0, options.Seed + 11, options.GuaranteedFaults);
        Qbd.QuickBooks.Faults.Enable(options.QbdClosedRate, options.QbwcDropRate, options.ConcurrentEditRate, options.ServerErrorRate / SoapServerErrorDivisor, options.Seed + 12);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Simulator, SimulatorFaults Faults)> OwnSimulators => [("qbd-shipstation:shipstation", Qbd.ShipStation.Faults)];

    public void DisableFaults()
    {
        Qbd.ShipStation.Faults.Disable();
        Qbd.QuickBooks.Faults.Disable();
    }

    public IReadOnlyDictionary<string, int> CountFaults()
    {
        var (shipStation, quickBooks) = (Qbd.ShipStation.Faults, Qbd.QuickBooks.Faults);
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ChaosFaultClasses.ServerErrors] = shipStation.ServerErrors + quickBooks.ServerErrors,
            [ChaosFaultClasses.RateLimits] = shipStation.RateLimits,
            [ChaosFaultClasses.LostResponses] = shipStation.LostResponses,
            [ChaosFaultClasses.StaleEditSequences] = Qbd.QuickBooks.StaleEditSequences,
            [ChaosFaultClasses.QbdClosed] = quickBooks.ClosedSessions,
            [ChaosFaultClasses.QbwcSessionsDropped] = quickBooks.DroppedSessions,
            ["qbwcAnswersLost"] = quickBooks.LostResponses,
            ["qbwcSoapServerErrors"] = quickBooks.ServerErrors,
        };
    }

    /// <summary>Nothing: the Web Connector authenticates with a password and ShipStation V1 with API keys, no OAuth.</summary>
    public Task ReconsentAsync(ChaosHost host, CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var byKey = failures.Where(f => f.BusinessKey is not null).GroupBy(f => f.BusinessKey!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var quickBooks = Qbd.QuickBooks;
        var memos = quickBooks.Invoices.Select(i => (i.RefNumber, i.Memo)).Concat(quickBooks.JournalEntries.Select(j => (j.RefNumber, Memo: string.Empty)))
            .GroupBy(t => t.RefNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Memo).ToList(), StringComparer.Ordinal);
        var states = new Dictionary<string, (ChaosRecordState, ChaosFailure?)>(StringComparer.Ordinal);
        foreach (var order in _orders)
        {
            var found = memos.GetValueOrDefault(order.OrderNumber) ?? [];
            var failure = order.BusinessKeys.Select(byKey.GetValueOrDefault).FirstOrDefault(f => f is not null);
            var complete = found.Count == 1
                && quickBooks.AmountOf(order.OrderNumber) == order.Amount
                && order.TrackingNumbers.All(t => Occurrences(found[0], t) == 1);
            states[order.OrderNumber] = found.Count > 1 ? (ChaosRecordState.Duplicated, failure)
                : complete ? (ChaosRecordState.Synced, failure)
                : failure is not null ? (ChaosRecordState.FailedVisibly, failure)
                : (ChaosRecordState.Unaccounted, null);
        }

        return states;
    }

    /// <summary>Notifications and order checks first, then shipments (a shipment's posting reads its order).</summary>
    public int ReplayRank(ChaosFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.BusinessKey?.StartsWith("shipment:", StringComparison.Ordinal) == true ? 1 : 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_scheduler is not null)
        {
            await _scheduler;
        }

        if (_qbd is not null)
        {
            await _qbd.DisposeAsync();
        }

        _stop.Dispose();
        _gate.Dispose();
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string NotifyKey(string hookType, Uri resource) =>
        FailureTriage.BusinessKeyOf(QbdShipStationKeys.NotificationInstance(ConnectionId, hookType, resource))!;

    private List<ChaosDelivery> ImportOrders()
    {
        var items = QbdShipStationDemoSandbox.Items;
        for (var i = 0; i < _share; i++)
        {
            var lines = Enumerable.Range(0, 1 + (i % 2)).Select(l => items[(i + l) % items.Count]).Select(item => (item.Sku, Quantity: 1 + random.Next(3), item.Price)).ToArray();
            var orderNumber = "QC-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture);
            var customer = QbdShipStationDemoSandbox.Customers[i % QbdShipStationDemoSandbox.Customers.Count];
            _orders.Add(new ChaosQbdOrder(QbdShipStationDemoSandbox.Draft(orderNumber, customer, lines), lines.Sum(l => decimal.Round(l.Quantity * l.Price, 2, MidpointRounding.AwayFromZero))));
        }

        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in _orders.Chunk(BatchSize))
        {
            var resource = Qbd.ShipStation.CreateOrderBatch(Qbd.ShipStation.AddOrders(batch.Select(o => o.Draft)));
            foreach (var order in batch)
            {
                order.BusinessKeys.Add(NotifyKey("ORDER_NOTIFY", resource));
            }

            deliveries.AddRange(ChaosShipStationWebhooks.Repeat(Qbd.ShipStation, "ORDER_NOTIFY", resource, batch[0].OrderNumber, sequence++, random));
        }

        return deliveries;
    }

    private List<ChaosDelivery> Ship(IReadOnlyList<ChaosQbdOrder> orders, string carrier, string trackingPrefix)
    {
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in orders.Chunk(BatchSize))
        {
            var shipments = new List<ShipStationShipment>();
            foreach (var order in batch)
            {
                var tracking = trackingPrefix + order.OrderNumber[3..].PadLeft(8, '0');
                var shipment = Qbd.ShipStation.ShipOrder(order.OrderNumber, carrier, carrier + "_ground", tracking, 8.25m);
                order.TrackingNumbers.Add(tracking);
                order.BusinessKeys.Add("shipment:" + shipment.ShipmentId.ToString(CultureInfo.InvariantCulture));
                shipments.Add(shipment);
            }

            var resource = Qbd.ShipStation.CreateShipmentBatch(shipments);
            foreach (var order in batch)
            {
                order.BusinessKeys.Add(NotifyKey("SHIP_NOTIFY", resource));
            }

            deliveries.AddRange(ChaosShipStationWebhooks.Repeat(Qbd.ShipStation, "SHIP_NOTIFY", resource, batch[0].OrderNumber, sequence++, random));
        }

        return deliveries;
    }

    /// <summary>
    /// A Web Connector session as a delivery, repeated by the run until the endpoint accepts one: it reaches its end
    /// (closeConnection, or nothing to do), or it carried at least one qbXML answer back to the endpoint before an injected
    /// fault ended it.
    /// </summary>
    /// <remarks>
    /// A session is 2n + 3 SOAP calls for n queued requests, and the injected SOAP 5xx and drops fall on each call, so with
    /// hundreds of requests queued (10,000 records) a session almost never reaches its end; the next session goes on where
    /// it stopped. Requiring the end counted the simulator's own faults against the endpoint, so a session is judged by its
    /// progress instead. A session that did not authenticate, found QuickBooks closed, or was ended before its first answer
    /// was reported is still not accepted, and the endpoint answering anything other than SOAP 200 still fails it.
    /// </remarks>
    private ChaosDelivery SessionDelivery() => new("qbwc-session", 0, async cancellationToken =>
    {
        try
        {
            var run = await RunSessionAsync(cancellationToken);
            return run.Authenticated && (!run.HadWork || run.CloseMessage is not null || run.ResponsesReported > 0) ? 200 : 503;
        }
        catch (System.Xml.XmlException)
        {
            return null; // The host answered something else than SOAP while it was starting.
        }
    })
    {
        IsWebhook = false,
    };

    /// <summary>One Web Connector session; QBWC runs one at a time per application, so every caller takes turns.</summary>
    private async Task<QuickBooksDesktopRun> RunSessionAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref _sessions);
            return await Qbd.QuickBooks.RunUpdateAsync(_endpoint ?? throw new InvalidOperationException("No phase was planned yet."), QbdShipStationDemoSandbox.UserName, Qbd.Password, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The Web Connector's own schedule: a session every <see cref="Schedule"/> until the run ends; a host that is down is tried again next time.</summary>
    private async Task RunScheduleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(cancellationToken);
                await Task.Delay(Schedule, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Xml.XmlException)
            {
                await Task.Delay(Schedule, CancellationToken.None);
            }
        }
    }
}
