using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// ShipStation → QuickBooks Online under chaos, on the demo's <c>shipstation-qbo</c> connection and catalog: orders are
/// imported into ShipStation in batches and announced by ORDER_NOTIFY, then shipped and announced by SHIP_NOTIFY, each
/// delivery made one to three times and all of them shuffled. A record (an order) is synced when the QBO company holds
/// exactly one invoice with its order number as DocNumber, carrying its tracking number once it shipped.
/// </summary>
internal sealed class ShipStationQboChaos(Random random) : IChaosIntegration
{
    private const string ConnectionId = DemoSandbox.ConnectionId;
    private const int BatchSize = 20;

    private readonly Dictionary<string, ShipStationShipment> _shipments = new(StringComparer.Ordinal);
    private IReadOnlyList<DemoOrder> _orders = [];
    private DemoSandbox? _sandbox;
    private int _share;

    public string Integration => IntegrationKinds.ShipStationQbo;

    public IReadOnlyList<string> Connections { get; } = [ConnectionId];

    public int Records => _orders.Count;

    /// <summary>Phase 0: orders imported and announced by ORDER_NOTIFY; phase 1: every order shipped, announced by SHIP_NOTIFY.</summary>
    public int PhaseCount => 2;

    /// <summary>None beyond the demo sandbox's: the connection, its QBO consent and ShipStation webhooks are the demo's own.</summary>
    public IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>();

    private DemoSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("SetUpAsync has not run.");

    /// <summary>Nothing to create: <see cref="DemoSandbox"/> made the <c>shipstation-qbo</c> connection, consented and registered its webhooks.</summary>
    public Task SetUpAsync(DemoSandbox sandbox, int records, CancellationToken cancellationToken)
    {
        _sandbox = sandbox;
        _share = records;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChaosDelivery>> PlanPhaseAsync(int phase, ChaosHost host, CancellationToken cancellationToken) =>
        Task.FromResult(phase == 0 ? ImportOrders(_share) : ShipOrders());

    /// <summary>Always 0: ShipStation announces every record by webhook.</summary>
    public ValueTask<int> OutstandingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

    /// <summary>Nothing of its own: the QBO and ShipStation simulators are shared, their faults are the run's.</summary>
    public void EnableFaults(ChaosOptions options)
    {
    }

    public void DisableFaults()
    {
    }

    public IReadOnlyDictionary<string, int> CountFaults() => new Dictionary<string, int>();

    /// <summary>The merchant consents again to the same QBO company.</summary>
    public Task ReconsentAsync(ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Sandbox.Idp.ConsentRealmId = Sandbox.RealmId;
        return host.ConsentAgainAsync(baseAddress => DemoSandbox.FollowConsentAsync(baseAddress, ConnectionId, cancellationToken), cancellationToken);
    }

    /// <summary>Orders and order chunks (<c>order:</c>, <c>orders:</c>: 0) before shipments (1): a shipment needs its order's invoice.</summary>
    public int ReplayRank(ChaosFailure failure) => failure?.BusinessKey?.StartsWith("order", StringComparison.Ordinal) == true ? 0 : 1;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Imports <paramref name="count"/> orders into ShipStation and plans their ORDER_NOTIFY deliveries.</summary>
    private IReadOnlyList<ChaosDelivery> ImportOrders(int count)
    {
        _orders = DemoOrderGenerator.Generate(count, badOrderIndex: -1, TimeProvider.System.GetUtcNow().AddHours(-6));
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in _orders.Chunk(BatchSize))
        {
            var created = Sandbox.ShipStation.AddOrders(batch.Select(DemoRunner.ToDraft));
            deliveries.AddRange(Repeat("ORDER_NOTIFY", Sandbox.ShipStation.CreateOrderBatch(created), batch[0].OrderNumber, sequence++));
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>Ships every order in ShipStation with a UPS label and plans the SHIP_NOTIFY deliveries.</summary>
    private IReadOnlyList<ChaosDelivery> ShipOrders()
    {
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in _orders.Chunk(BatchSize))
        {
            var shipments = batch.Select(o => Sandbox.ShipStation.ShipOrder(o.OrderNumber, "ups", "ups_ground", TrackingNumber(o.OrderNumber), 8.25m)).ToList();
            foreach (var shipment in shipments)
            {
                _shipments[shipment.OrderNumber] = shipment;
            }

            deliveries.AddRange(Repeat("SHIP_NOTIFY", Sandbox.ShipStation.CreateShipmentBatch(shipments), batch[0].OrderNumber, sequence++));
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>Every order's state in the QBO company, given the open failures.</summary>
    public IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures)
    {
        var sandbox = Sandbox;
        var byKey = failures.Where(f => f.BusinessKey is not null).GroupBy(f => f.BusinessKey!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice")
            .GroupBy(i => (string?)i["DocNumber"] ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var states = new Dictionary<string, (ChaosRecordState, ChaosFailure?)>(StringComparer.Ordinal);
        foreach (var order in _orders)
        {
            var found = invoices.TryGetValue(order.OrderNumber, out var list) ? list : [];
            var shipped = _shipments.TryGetValue(order.OrderNumber, out var shipment);
            var failure = byKey.GetValueOrDefault("order:" + order.OrderNumber)
                ?? (shipped ? byKey.GetValueOrDefault("shipment:" + shipment!.ShipmentId.ToString(CultureInfo.InvariantCulture)) : null);
            states[order.OrderNumber] = found.Count > 1 ? (ChaosRecordState.Duplicated, failure)
                : found.Count == 1 && (!shipped || (string?)found[0]["TrackingNum"] == shipment!.TrackingNumber) ? (ChaosRecordState.Synced, failure)
                : failure is not null ? (ChaosRecordState.FailedVisibly, failure)
                : (ChaosRecordState.Unaccounted, null);
        }

        return states;
    }

    private static string TrackingNumber(string orderNumber) => "1Z999AA1" + orderNumber.PadLeft(10, '0');

    private IEnumerable<ChaosDelivery> Repeat(string hookType, Uri resource, string record, int sequence)
    {
        var times = 1 + random.Next(3);
        for (var i = 0; i < times; i++)
        {
            yield return new ChaosDelivery(record, sequence, async cancellationToken =>
            {
                var results = await Sandbox.ShipStation.FireWebhookAsync(hookType, resource, ShipStationWebhookDelivery.Once, cancellationToken);
                return results.Count == 0 ? null : results[0].StatusCode;
            });
        }
    }
}
