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
            var start = await workflows.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), ShipStationQboKeys.ShipmentInstance(connectionId, shipment.ShipmentId), reference, cancellationToken);
            result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + 1 } : result with { Started = result.Started + 1 };
        }

        return result;
    }
}
