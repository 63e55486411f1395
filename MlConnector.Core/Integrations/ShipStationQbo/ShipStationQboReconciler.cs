using System.Runtime.CompilerServices;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The safety net under the webhooks. One pass of a connection reads, in pages of 500, the orders modified since its
/// watermark (V1 <c>modifyDateStart</c>, with a 5-minute overlap), then the shipments and the fulfillments created since
/// the same time (V1 <c>createDateStart</c>), and sends them through the same dispatcher as the webhooks: a handful of
/// requests per pass instead of one or two per shipped order. Work the webhooks already started is a duplicate; what
/// they missed starts now and is reported. The watermark (State table, ETag-checked) advances only after every find has
/// been committed to a workflow, so a failed pass is simply repeated.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every shipment in the range is dispatched, not only those of the orders found: the dispatcher dedupes by
/// deterministic instance id, and a label made for an order whose own change fell outside the order window must still
/// reach its invoice.</item>
/// <item>A fulfillment is dispatched unless its order has a live label in the range (an order shipped without a live
/// ShipStation label is a V1 fulfillment: https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/). List
/// Fulfillments has no store filter, so a store-scoped connection dispatches only the fulfillments of orders it found.</item>
/// <item>A shipped order found with neither a live label nor a fulfillment in the range (shipped before the range and
/// modified since) is looked up by order number as before: its shipments, then its fulfillments when every label is voided.</item>
/// <item>Passes of one connection never overlap: a pass takes a <see cref="ConnectionLease"/> (State table, ETag-guarded,
/// <see cref="LeaseDuration"/>, renewed as the pass goes, released at its end; it lapses if the process dies). A pass that
/// finds the lease held skips, logged and audited, without calling ShipStation.</item>
/// </list>
/// Sources: https://docs.shipstation.com/apis/shipstation-v1/openapi/orders/list_orders ;
/// https://docs.shipstation.com/apis/shipstation-v1/docs/shipments/list ;
/// https://docs.shipstation.com/apis/shipstation-v1/openapi/fulfillments .
/// </remarks>
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

    /// <summary>How long a pass's lease lasts unless renewed; a pass renews it after every page and step.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>The audit operation of a pass (and of a skipped one).</summary>
    public const string ReconcileOperation = "shipstation-qbo.reconcile";

    /// <summary>The State-table row key of a connection's orders watermark (<see cref="ConnectionWatermark"/>).</summary>
    public const string WatermarkRowKey = "shipstation-qbo|orders-watermark";

    /// <summary>The State-table row key of a connection's pass lease (<see cref="ConnectionLease"/>).</summary>
    public const string LeaseRowKey = "shipstation-qbo|reconcile-lease";

    private readonly string _owner = ConnectionLease.NewOwner();

    /// <summary>Runs one pass for a connection, unless one is already running.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="storeId">Only this ShipStation store's orders and shipments, when the connection sets one.</param>
    /// <param name="cancellationToken">Cancels the pass; the watermark then stays.</param>
    /// <returns>What the pass found; <see cref="ReconcileResult.Skipped"/> when another pass held the lease.</returns>
    public async Task<ReconcileResult> ReconcileAsync(string connectionId, long? storeId = null, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var acquired = await ConnectionLease.TryAcquireAsync(tables, connectionId, LeaseRowKey, _owner, now, LeaseDuration, cancellationToken);

        // The watermark is read under the lease: read before it, a pass that starts as another ends would hold the
        // watermark's old ETag and fail to save after doing all its look-ups again.
        var stored = await ConnectionWatermark.ReadAsync(tables, connectionId, WatermarkRowKey, cancellationToken);
        var watermark = stored.WatermarkUtc ?? now - InitialLookback;
        var since = watermark - Overlap;
        if (acquired is null)
        {
            return await SkipAsync(connectionId, since, watermark, cancellationToken);
        }

        // The pass renews the lease as it goes; each renewal changes its ETag, so the release must use the latest.
        var lease = new StrongBox<ConnectionLease>(acquired);
        try
        {
            return await RunAsync(stored, lease, since, now, storeId, cancellationToken);
        }
        finally
        {
            await lease.Value!.ReleaseAsync(tables, CancellationToken.None);
        }
    }

    private async Task<ReconcileResult> RunAsync(ConnectionWatermark stored, StrongBox<ConnectionLease> lease, DateTimeOffset since, DateTimeOffset now, long? storeId, CancellationToken cancellationToken)
    {
        var connectionId = stored.ConnectionId;
        var orders = new DispatchResult(0, 0, 0, 0);
        var newest = since + Overlap;
        var shipped = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var batch = await shipStation.ListOrdersAsync(connectionId, new ShipStationOrderQuery(since, storeId, page, ShipStationOrderQuery.MaxPageSize), cancellationToken);
            orders = orders.Add(await dispatcher.DispatchOrdersAsync(connectionId, batch.Items, cancellationToken));
            shipped.UnionWith(batch.Items.Where(o => o.OrderStatus == "shipped").Select(o => o.OrderNumber));
            if (batch.Items.Count > 0)
            {
                newest = new[] { newest, batch.Items.Max(o => o.ModifyDateUtc) }.Max();
            }

            lease.Value = await lease.Value!.RenewAsync(tables, timeProvider.GetUtcNow(), LeaseDuration, cancellationToken);
            if (page >= batch.Pages)
            {
                break;
            }
        }

        // Every label made in the range, whatever order it belongs to (duplicates are suppressed by instance id).
        var labels = await shipStation.ListShipmentsCreatedSinceAsync(connectionId, since, storeId, cancellationToken);
        var shipments = await dispatcher.DispatchShipmentsAsync(connectionId, labels, cancellationToken);
        lease.Value = await lease.Value!.RenewAsync(tables, timeProvider.GetUtcNow(), LeaseDuration, cancellationToken);

        // Fulfillments stand in for a label only where the order has no live one.
        var labelled = labels.Where(s => !s.Voided).Select(s => s.OrderNumber).ToHashSet(StringComparer.Ordinal);
        var fulfillments = await shipStation.ListFulfillmentsCreatedSinceAsync(connectionId, since, cancellationToken);
        var fulfilled = fulfillments.Where(f => !labelled.Contains(f.OrderNumber) && (storeId is null || shipped.Contains(f.OrderNumber))).ToList();
        shipments = shipments.Add(await dispatcher.DispatchFulfillmentsAsync(connectionId, fulfilled, cancellationToken));
        lease.Value = await lease.Value!.RenewAsync(tables, timeProvider.GetUtcNow(), LeaseDuration, cancellationToken);

        // Shipped orders the range says nothing about were shipped before it: look them up one by one, as webhooks would.
        var covered = labelled.Union(fulfillments.Select(f => f.OrderNumber)).ToHashSet(StringComparer.Ordinal);
        var seenLabels = labels.Select(s => s.ShipmentId).ToHashSet();
        var seenFulfillments = fulfillments.Select(f => f.FulfillmentId).ToHashSet();
        var uncovered = shipped.Where(n => !covered.Contains(n)).Order(StringComparer.Ordinal).ToList();
        foreach (var orderNumber in uncovered)
        {
            var found = await shipStation.ListShipmentsAsync(connectionId, orderNumber, cancellationToken);
            shipments = shipments.Add(await dispatcher.DispatchShipmentsAsync(connectionId, [.. found.Where(s => seenLabels.Add(s.ShipmentId))], cancellationToken));
            if (found.All(s => s.Voided))
            {
                var ofOrder = await shipStation.ListFulfillmentsAsync(connectionId, orderNumber, cancellationToken);
                shipments = shipments.Add(await dispatcher.DispatchFulfillmentsAsync(connectionId, [.. ofOrder.Where(f => seenFulfillments.Add(f.FulfillmentId))], cancellationToken));
            }

            lease.Value = await lease.Value!.RenewAsync(tables, timeProvider.GetUtcNow(), LeaseDuration, cancellationToken);
        }

        // Everything found is committed to a workflow: only now may the watermark move.
        await stored.SaveAsync(tables, newest, now, cancellationToken);

        var result = new ReconcileResult(connectionId, since, newest, orders, shipments) { OrdersLookedUpOneByOne = uncovered.Count };
        ShipStationWebhookLog.Reconciled(logger, connectionId, since, orders.Found, orders.Started, shipments.Started);
        await audit.WriteAsync(
            new AuditRecord(connectionId, ReconcileOperation, AuditOutcome.Succeeded)
            {
                Detail = $"{orders.Found} orders modified and {labels.Count} shipment(s) and {fulfillments.Count} fulfillment(s) created since {since:o}"
                    + $" ({uncovered.Count} shipped order(s) looked up one by one); webhooks had missed {orders.Started} order(s) and {shipments.Started} shipment(s) or fulfillment(s), now started.",
            },
            cancellationToken);
        return result;
    }

    private async Task<ReconcileResult> SkipAsync(string connectionId, DateTimeOffset since, DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        var holder = await ConnectionLease.ReadHolderAsync(tables, connectionId, LeaseRowKey, cancellationToken);
        var owner = holder?.Owner ?? "another pass";
        var until = holder?.ExpiresUtc ?? timeProvider.GetUtcNow();
        ShipStationWebhookLog.ReconcileSkipped(logger, connectionId, owner, until);
        await audit.WriteAsync(
            new AuditRecord(connectionId, ReconcileOperation, AuditOutcome.Skipped)
            {
                Detail = $"Skipped: another reconciliation pass of this connection is running ({owner}, lease until {until:o}); nothing was looked up.",
            },
            cancellationToken);
        var none = new DispatchResult(0, 0, 0, 0);
        return new ReconcileResult(connectionId, since, watermark, none, none) { Skipped = true };
    }
}
