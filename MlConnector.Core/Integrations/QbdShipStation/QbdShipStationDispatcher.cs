using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The one path from fetched ShipStation documents to <c>qbd-shipstation</c> workflows, used by webhook notifications and
/// the <c>modifyDate</c> poll alike: orders are saved and checked against QuickBooks in batches (one
/// <see cref="QbdOrderValidationWorkflow"/> per batch of up to <see cref="MaxBatch"/>, so the customer and item lists are
/// read once per batch, not per order); each shipment starts its <see cref="QbdShipmentToQbdWorkflow"/> under
/// <see cref="QbdShipStationKeys.ShipmentInstance"/>, so the same shipment found twice is a duplicate. An order already
/// recorded in QuickBooks that comes back cancelled, or with other lines or amounts, starts its
/// <see cref="QbdOrderChangeWorkflow"/> (void or correction of that one transaction, never a new one).
/// </summary>
/// <param name="orders">The order store.</param>
/// <param name="shipStation">The ShipStation client (the shipments of an order found shipped by the poll).</param>
/// <param name="workflows">The workflow client.</param>
/// <param name="audit">The audit trail.</param>
public sealed class QbdShipStationDispatcher(QbdOrderStore orders, IShipStationClient shipStation, IWorkflowClient workflows, IAuditTrail audit)
{
    /// <summary>The most orders checked in one batch.</summary>
    public const int MaxBatch = 100;

    /// <summary>Saves orders and starts their batch check; orders already shipped have their shipments posted (one ShipStation call per such order).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="found">The fetched orders.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was started, in orders and shipments.</returns>
    public async Task<QbdDispatchResult> DispatchOrdersAsync(string connectionId, IReadOnlyList<ShipStationOrder> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        var result = new QbdDispatchResult(found.Count, 0, 0, 0);
        var toCheck = new List<string>();
        var shipped = new List<ShipStationOrder>();
        foreach (var order in found)
        {
            var known = await orders.GetAsync(connectionId, order.OrderNumber, cancellationToken);
            if (order.OrderStatus == "cancelled")
            {
                if (known?.TxnId is not null)
                {
                    result = Count(result, await StartChangeAsync(new QbdOrderChange(connectionId, order.OrderId, order.OrderNumber, Cancel: true, CancelledRevision), cancellationToken), 1);
                    continue;
                }

                await audit.WriteAsync(new AuditRecord(connectionId, "qbd-shipstation.order.skip", AuditOutcome.Skipped) { BusinessKey = order.OrderNumber, Detail = "The order is cancelled in ShipStation; nothing is recorded in QuickBooks." }, cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            await orders.SaveAsync(connectionId, order, cancellationToken);
            if (known?.TxnId is not null
                && await orders.GetAsync(connectionId, order.OrderNumber, cancellationToken) is { } saved
                && QbdShipStationKeys.OrderRevision(saved) is var revision
                && revision != QbdShipStationKeys.OrderRevision(known))
            {
                result = Count(result, await StartChangeAsync(new QbdOrderChange(connectionId, order.OrderId, order.OrderNumber, Cancel: false, revision), cancellationToken), 1);
            }

            if (order.OrderStatus == "shipped")
            {
                shipped.Add(order);
            }
            else if (known?.Review is null or QbdOrderReview.Pending)
            {
                toCheck.Add(order.OrderNumber);
            }
        }

        foreach (var batch in toCheck.Chunk(MaxBatch))
        {
            var start = await workflows.StartAsync(nameof(QbdOrderValidationWorkflow), QbdShipStationKeys.OrderBatchInstance(connectionId, batch), new QbdOrderBatch(connectionId, batch), cancellationToken);
            result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + batch.Length } : result with { Started = result.Started + batch.Length };
        }

        foreach (var order in shipped)
        {
            var shipments = await shipStation.ListShipmentsAsync(connectionId, order.OrderNumber, cancellationToken);
            var posted = await DispatchShipmentsAsync(connectionId, shipments, cancellationToken);
            result = result with { Started = result.Started + posted.Started, Duplicates = result.Duplicates + posted.Duplicates };
        }

        return result;
    }

    /// <summary>The revision of a cancellation (<see cref="QbdOrderChange.Revision"/>): one void per order.</summary>
    public const string CancelledRevision = "cancelled";

    /// <summary>Starts the posting of each shipment (voided labels are skipped and audited).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipments">The fetched shipments.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was started.</returns>
    public async Task<QbdDispatchResult> DispatchShipmentsAsync(string connectionId, IReadOnlyList<ShipStationShipment> shipments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        var result = new QbdDispatchResult(shipments.Count, 0, 0, 0);
        foreach (var shipment in shipments)
        {
            if (shipment.Voided)
            {
                await audit.WriteAsync(new AuditRecord(connectionId, "qbd-shipstation.shipment.skip", AuditOutcome.Skipped) { BusinessKey = shipment.OrderNumber, VendorReference = shipment.TrackingNumber, Detail = "The label was voided." }, cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            await orders.MarkShippedAsync(connectionId, shipment.OrderNumber, cancellationToken);
            var reference = new QbdShipmentRef(
                connectionId,
                shipment.OrderId,
                shipment.OrderNumber,
                shipment.ShipmentId,
                shipment.ShipDateUtc == default ? null : DateOnly.FromDateTime(shipment.ShipDateUtc.UtcDateTime),
                shipment.CarrierCode,
                shipment.TrackingNumber);
            var start = await workflows.StartAsync(nameof(QbdShipmentToQbdWorkflow), QbdShipStationKeys.ShipmentInstance(connectionId, shipment.ShipmentId), reference, cancellationToken);
            result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + 1 } : result with { Started = result.Started + 1 };
        }

        return result;
    }

    private static QbdDispatchResult Count(QbdDispatchResult result, bool duplicate, int count) =>
        duplicate ? result with { Duplicates = result.Duplicates + count } : result with { Started = result.Started + count };

    /// <summary>
    /// Starts the correction or void of an order already in QuickBooks (<see cref="QbdOrderChangeWorkflow"/>) under
    /// <see cref="QbdShipStationKeys.OrderChangeInstance"/>: the same correction found twice, or a redelivered cancellation, is a duplicate.
    /// </summary>
    private async Task<bool> StartChangeAsync(QbdOrderChange change, CancellationToken cancellationToken) =>
        (await workflows.StartAsync(nameof(QbdOrderChangeWorkflow), QbdShipStationKeys.OrderChangeInstance(change.ConnectionId, change.OrderNumber, change.Revision), change, cancellationToken)).IsDuplicate;
}
