using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The safety net under the webhooks: lists the connection's orders modified since its watermark (V1
/// <c>modifyDateStart</c>, with a 5-minute overlap), and sends every order, and the shipments of every shipped
/// order (its fulfillments when it has no live label), through the same dispatcher as the webhooks. Work the webhooks already started is a duplicate; what they
/// missed starts now and is reported. The watermark (State table, ETag-checked) advances only after every find has
/// been committed to a workflow, so a failed pass is simply repeated.
/// </summary>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="dispatcher">The dispatcher.</param>
/// <param name="tables">The table provider.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboReconciler(
    IShipStationClient shipStation,
    ShipStationDispatcher dispatcher,
    TableProvider tables,
    IAuditTrail audit,
    TimeProvider timeProvider,
    ILogger<ShipStationQboReconciler> logger)
{
    /// <summary>How far back the first pass of a new connection looks.</summary>
    public static readonly TimeSpan InitialLookback = TimeSpan.FromDays(1);

    /// <summary>How much each pass overlaps the previous one, for orders modified while it ran.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private const string WatermarkRowKey = "shipstation-qbo|orders-watermark";

    /// <summary>Runs one pass for a connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="storeId">Only this ShipStation store's orders, when the connection sets one.</param>
    /// <param name="cancellationToken">Cancels the pass; the watermark then stays.</param>
    /// <returns>What the pass found.</returns>
    public async Task<ReconcileResult> ReconcileAsync(string connectionId, long? storeId = null, CancellationToken cancellationToken = default)
    {
        var stored = await ConnectionWatermark.ReadAsync(tables, connectionId, WatermarkRowKey, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var watermark = stored.WatermarkUtc ?? now - InitialLookback;
        var since = watermark - Overlap;

        var orders = new DispatchResult(0, 0, 0, 0);
        var shipments = new DispatchResult(0, 0, 0, 0);
        var newest = watermark;
        for (var page = 1; ; page++)
        {
            var batch = await shipStation.ListOrdersAsync(connectionId, new ShipStationOrderQuery(since, storeId, page, 100), cancellationToken);
            orders = orders.Add(await dispatcher.DispatchOrdersAsync(connectionId, batch.Items, cancellationToken));
            foreach (var shipped in batch.Items.Where(o => o.OrderStatus == "shipped"))
            {
                var found = await shipStation.ListShipmentsAsync(connectionId, shipped.OrderNumber, cancellationToken);
                shipments = shipments.Add(await dispatcher.DispatchShipmentsAsync(connectionId, found, cancellationToken));
                if (found.All(s => s.Voided))
                {
                    // Shipped without a live ShipStation label: marked shipped or fulfilled outside ShipStation, which
                    // V1 lists as fulfillments (https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/).
                    var fulfillments = await shipStation.ListFulfillmentsAsync(connectionId, shipped.OrderNumber, cancellationToken);
                    shipments = shipments.Add(await dispatcher.DispatchFulfillmentsAsync(connectionId, fulfillments, cancellationToken));
                }
            }

            if (batch.Items.Count > 0)
            {
                newest = new[] { newest, batch.Items.Max(o => o.ModifyDateUtc) }.Max();
            }

            if (page >= batch.Pages)
            {
                break;
            }
        }

        // Everything found is committed to a workflow: only now may the watermark move.
        await stored.SaveAsync(tables, newest, now, cancellationToken);

        var result = new ReconcileResult(connectionId, since, newest, orders, shipments);
        ShipStationWebhookLog.Reconciled(logger, connectionId, since, orders.Found, orders.Started, shipments.Started);
        await audit.WriteAsync(
            new AuditRecord(connectionId, "shipstation-qbo.reconcile", AuditOutcome.Succeeded)
            {
                Detail = $"{orders.Found} orders modified since {since:o}; webhooks had missed {orders.Started} order(s) and {shipments.Started} shipment(s) or fulfillment(s), now started.",
            },
            cancellationToken);
        return result;
    }
}
