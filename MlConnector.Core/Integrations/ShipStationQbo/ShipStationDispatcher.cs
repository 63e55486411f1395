using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The one path from fetched ShipStation documents to workflows, used by webhook notifications and by
/// reconciliation alike: snapshot, then start under the deterministic instance id.
/// </summary>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="workflows">The workflow client.</param>
/// <param name="audit">The audit trail.</param>
public sealed class ShipStationDispatcher(ShipStationSnapshotStore snapshots, IWorkflowClient workflows, IAuditTrail audit)
{
    /// <summary>Starts the order workflow for each order (cancelled ones are skipped).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orders">The fetched orders.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was started.</returns>
    public async Task<DispatchResult> DispatchOrdersAsync(string connectionId, IReadOnlyList<ShipStationOrder> orders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var result = new DispatchResult(orders.Count, 0, 0, 0);
        foreach (var order in orders)
        {
            if (order.OrderStatus == "cancelled")
            {
                await audit.WriteAsync(new AuditRecord(connectionId, "shipstation-qbo.order.skip", AuditOutcome.Skipped) { BusinessKey = order.OrderNumber, Detail = "The order is cancelled in ShipStation; no invoice." }, cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            var reference = await snapshots.SaveOrderAsync(connectionId, order, cancellationToken);
            var start = await workflows.StartAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), ShipStationQboKeys.OrderInstance(connectionId, order.OrderNumber), reference, cancellationToken);
            result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + 1 } : result with { Started = result.Started + 1 };
        }

        return result;
    }

    /// <summary>Starts the shipment workflow for each shipment (voided labels are skipped).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipments">The fetched shipments.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was started.</returns>
    public async Task<DispatchResult> DispatchShipmentsAsync(string connectionId, IReadOnlyList<ShipStationShipment> shipments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        var result = new DispatchResult(shipments.Count, 0, 0, 0);
        foreach (var shipment in shipments)
        {
            if (shipment.Voided)
            {
                await audit.WriteAsync(new AuditRecord(connectionId, "shipstation-qbo.shipment.skip", AuditOutcome.Skipped) { BusinessKey = shipment.OrderNumber, VendorReference = shipment.TrackingNumber, Detail = "The label was voided." }, cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            var reference = await snapshots.SaveShipmentAsync(connectionId, shipment, cancellationToken);
            result = result.Add(await StartShipmentUpdateAsync(reference, cancellationToken));
        }

        return result;
    }

    /// <summary>
    /// Starts the shipment workflow for each fulfillment (FULFILLMENT_SHIPPED), which updates the order's invoice exactly
    /// as a label does; voided fulfillments are skipped and audited with the reason. One instance per fulfillment id
    /// (<see cref="ShipStationQboKeys.FulfillmentInstance"/>), so a redelivery is a duplicate.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="fulfillments">The fetched fulfillments.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was started.</returns>
    public async Task<DispatchResult> DispatchFulfillmentsAsync(string connectionId, IReadOnlyList<ShipStationFulfillment> fulfillments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fulfillments);
        var result = new DispatchResult(fulfillments.Count, 0, 0, 0);
        foreach (var fulfillment in fulfillments)
        {
            if (fulfillment.Voided)
            {
                var when = fulfillment.VoidDateUtc is { } voided ? $" on {voided:yyyy-MM-dd HH:mm} UTC" : string.Empty;
                await audit.WriteAsync(
                    new AuditRecord(connectionId, "shipstation-qbo.fulfillment.skip", AuditOutcome.Skipped)
                    {
                        BusinessKey = fulfillment.OrderNumber,
                        VendorReference = fulfillment.TrackingNumber,
                        Detail = $"Fulfillment {fulfillment.FulfillmentId} was voided in ShipStation{when}; the invoice is not updated.",
                    },
                    cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            var reference = await snapshots.SaveFulfillmentAsync(connectionId, fulfillment, cancellationToken);
            result = result.Add(await StartShipmentUpdateAsync(reference, cancellationToken));
        }

        return result;
    }

    private async Task<DispatchResult> StartShipmentUpdateAsync(ShipmentSnapshotRef reference, CancellationToken cancellationToken)
    {
        var start = await workflows.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), ShipStationQboKeys.ShipmentUpdateInstance(reference), reference, cancellationToken);
        return start.IsDuplicate ? new DispatchResult(0, 0, 1, 0) : new DispatchResult(0, 1, 0, 0);
    }
}
