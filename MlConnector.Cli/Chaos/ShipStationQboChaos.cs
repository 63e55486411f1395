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
internal sealed class ShipStationQboChaos(DemoSandbox sandbox, Random random)
{
    private const string ConnectionId = DemoSandbox.ConnectionId;
    private const int BatchSize = 20;

    private readonly Dictionary<string, ShipStationShipment> _shipments = new(StringComparer.Ordinal);
    private IReadOnlyList<DemoOrder> _orders = [];

    public static string Integration => IntegrationKinds.ShipStationQbo;

    public static string Connection => ConnectionId;

    public int Records => _orders.Count;

    /// <summary>Imports <paramref name="count"/> orders into ShipStation and plans their ORDER_NOTIFY deliveries.</summary>
    public IReadOnlyList<ChaosDelivery> ImportOrders(int count)
    {
        _orders = DemoOrderGenerator.Generate(count, badOrderIndex: -1, TimeProvider.System.GetUtcNow().AddHours(-6));
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in _orders.Chunk(BatchSize))
        {
            var created = sandbox.ShipStation.AddOrders(batch.Select(DemoRunner.ToDraft));
            deliveries.AddRange(Repeat("ORDER_NOTIFY", sandbox.ShipStation.CreateOrderBatch(created), batch[0].OrderNumber, sequence++));
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>Ships every order in ShipStation with a UPS label and plans the SHIP_NOTIFY deliveries.</summary>
    public IReadOnlyList<ChaosDelivery> ShipOrders()
    {
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in _orders.Chunk(BatchSize))
        {
            var shipments = batch.Select(o => sandbox.ShipStation.ShipOrder(o.OrderNumber, "ups", "ups_ground", TrackingNumber(o.OrderNumber), 8.25m)).ToList();
            foreach (var shipment in shipments)
            {
                _shipments[shipment.OrderNumber] = shipment;
            }

            deliveries.AddRange(Repeat("SHIP_NOTIFY", sandbox.ShipStation.CreateShipmentBatch(shipments), batch[0].OrderNumber, sequence++));
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>Every order's state in the QBO company, given the open failures.</summary>
    public IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures)
    {
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
                var results = await sandbox.ShipStation.FireWebhookAsync(hookType, resource, ShipStationWebhookDelivery.Once, cancellationToken);
                return results.Count == 0 ? null : results[0].StatusCode;
            });
        }
    }
}
