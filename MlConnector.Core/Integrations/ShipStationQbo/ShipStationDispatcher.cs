using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Idempotency;
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
/// <param name="ledger">The idempotency ledger, which says which orders of a page are invoiced already.</param>
public sealed class ShipStationDispatcher(ShipStationSnapshotStore snapshots, IWorkflowClient workflows, IAuditTrail audit, IIdempotencyLedger ledger)
{
    /// <summary>A page with fewer live orders than this takes the per-order path, where batching only adds latency.</summary>
    public const int BatchThreshold = 2;

    /// <summary>
    /// Starts work for a fetched page of orders (cancelled ones are skipped and audited). A single order starts its
    /// <see cref="ShipStationOrderToQboInvoiceWorkflow"/>. A page of <see cref="BatchThreshold"/> or more is invoiced in
    /// chunks of up to <see cref="ShipStationQboOrderBatchSync.MaxChunkSize"/> (100) through QBO's batch endpoint, one <see cref="ShipStationOrderChunkToQboWorkflow"/> per chunk
    /// (instance <see cref="ShipStationQboKeys.OrderChunkInstance"/>, so the same page fetched again is a duplicate); an
    /// order that already has its own workflow (a single webhook, or a failure handed back by a chunk) stays with it, and an
    /// order the ledger records as invoiced is counted a duplicate: the same order found again in another page (a
    /// reconciliation pass after its webhook) starts nothing.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orders">The fetched orders.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was started, counted in orders.</returns>
    public async Task<DispatchResult> DispatchOrdersAsync(string connectionId, IReadOnlyList<ShipStationOrder> orders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var result = new DispatchResult(orders.Count, 0, 0, 0);
        var live = new List<OrderSnapshotRef>();
        foreach (var order in orders)
        {
            if (order.OrderStatus == "cancelled")
            {
                await audit.WriteAsync(new AuditRecord(connectionId, "shipstation-qbo.order.skip", AuditOutcome.Skipped) { BusinessKey = order.OrderNumber, Detail = "The order is cancelled in ShipStation; no invoice." }, cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            live.Add(await snapshots.SaveOrderAsync(connectionId, order, cancellationToken));
        }

        if (live.Count < BatchThreshold)
        {
            foreach (var reference in live)
            {
                var start = await workflows.StartAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), ShipStationQboKeys.OrderInstance(connectionId, reference.OrderNumber), reference, cancellationToken);
                result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + 1 } : result with { Started = result.Started + 1 };
            }

            return result;
        }

        var batched = new List<OrderSnapshotRef>(live.Count);
        foreach (var reference in live)
        {
            if (await ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(connectionId, reference.OrderNumber), cancellationToken) is not { Status: LedgerStatus.Succeeded }
                && await workflows.GetStatusAsync(ShipStationQboKeys.OrderInstance(connectionId, reference.OrderNumber), cancellationToken) is null)
            {
                batched.Add(reference);
            }
            else
            {
                result = result with { Duplicates = result.Duplicates + 1 };
            }
        }

        foreach (var chunk in batched.Chunk(ShipStationQboOrderBatchSync.MaxChunkSize))
        {
            var instanceId = ShipStationQboKeys.OrderChunkInstance(connectionId, chunk.Select(r => r.OrderNumber));
            var start = await workflows.StartAsync(nameof(ShipStationOrderChunkToQboWorkflow), instanceId, new OrderChunk(connectionId, chunk), cancellationToken);
            result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + chunk.Length } : result with { Started = result.Started + chunk.Length };
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
        var live = new List<ShipmentSnapshotRef>();
        foreach (var shipment in shipments)
        {
            if (shipment.Voided)
            {
                await audit.WriteAsync(new AuditRecord(connectionId, "shipstation-qbo.shipment.skip", AuditOutcome.Skipped) { BusinessKey = shipment.OrderNumber, VendorReference = shipment.TrackingNumber, Detail = "The label was voided." }, cancellationToken);
                result = result with { Skipped = result.Skipped + 1 };
                continue;
            }

            live.Add(await snapshots.SaveShipmentAsync(connectionId, shipment, cancellationToken));
        }

        return result.Add(await StartShipmentUpdatesAsync(connectionId, live, cancellationToken));
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
        var live = new List<ShipmentSnapshotRef>();
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

            live.Add(await snapshots.SaveFulfillmentAsync(connectionId, fulfillment, cancellationToken));
        }

        return result.Add(await StartShipmentUpdatesAsync(connectionId, live, cancellationToken));
    }

    /// <summary>
    /// Starts the shipment updates: fewer than <see cref="BatchThreshold"/> take the per-shipment workflow; more are applied
    /// in chunks of up to <see cref="ShipStationQboShipmentBatchSync.MaxChunkSize"/> by
    /// <see cref="ShipStationShipmentChunkToQboWorkflow"/> (instance <see cref="ShipStationQboKeys.ShipmentChunkInstance"/>),
    /// except those the ledger records as applied or that have their own workflow already (duplicates).
    /// </summary>
    private async Task<DispatchResult> StartShipmentUpdatesAsync(string connectionId, List<ShipmentSnapshotRef> live, CancellationToken cancellationToken)
    {
        var result = new DispatchResult(0, 0, 0, 0);
        if (live.Count < BatchThreshold)
        {
            foreach (var reference in live)
            {
                var start = await workflows.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), ShipStationQboKeys.ShipmentUpdateInstance(reference), reference, cancellationToken);
                result = result.Add(start.IsDuplicate ? new DispatchResult(0, 0, 1, 0) : new DispatchResult(0, 1, 0, 0));
            }

            return result;
        }

        var batched = new List<ShipmentSnapshotRef>(live.Count);
        foreach (var reference in live)
        {
            if (await ledger.GetAsync(ShipStationQboKeys.ShipmentUpdateApply(reference), cancellationToken) is not { Status: LedgerStatus.Succeeded }
                && await workflows.GetStatusAsync(ShipStationQboKeys.ShipmentUpdateInstance(reference), cancellationToken) is null)
            {
                batched.Add(reference);
            }
            else
            {
                result = result with { Duplicates = result.Duplicates + 1 };
            }
        }

        foreach (var chunk in batched.Chunk(ShipStationQboShipmentBatchSync.MaxChunkSize))
        {
            var start = await workflows.StartAsync(nameof(ShipStationShipmentChunkToQboWorkflow), ShipStationQboKeys.ShipmentChunkInstance(connectionId, chunk), new ShipmentChunk(connectionId, chunk), cancellationToken);
            result = start.IsDuplicate ? result with { Duplicates = result.Duplicates + chunk.Length } : result with { Started = result.Started + chunk.Length };
        }

        return result;
    }
}
