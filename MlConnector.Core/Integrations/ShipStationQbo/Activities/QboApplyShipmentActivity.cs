using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Writes a shipment (a label, or a fulfillment made outside ShipStation) onto the order's QBO invoice with the
/// invoice's current SyncToken: ship date, ship method (carrier and service), tracking number, and a memo line per
/// shipment. Labels and fulfillments take the same path and the same ledger operation, keyed by their own ids. When the
/// invoice does not exist yet (the order is still syncing) it fails transiently so the workflow retries later; when the
/// order's own workflow (<see cref="ShipStationQboKeys.OrderInstance"/>, or the last replay of it) has failed, waiting
/// cannot help, so the shipment is parked visibly at once: a <see cref="ErrorKind.NotFound"/> failure (not retried) that
/// names the order and its failure, to be replayed after the order's.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="workflows">Reads the order workflow's state when the invoice is missing.</param>
[TargetWrite]
public sealed class QboApplyShipmentActivity(IQuickBooksOnlineClient qbo, ShipStationSnapshotStore snapshots, IIdempotencyLedger ledger, IAuditTrail audit, IWorkflowClient workflows)
    : IWorkflowActivity<ShipmentSnapshotRef, ShipmentSyncResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboApplyShipmentActivity);

    /// <inheritdoc />
    public Task<ShipmentSyncResult> RunAsync(WorkflowActivityContext context, ShipmentSnapshotRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "qbo.invoice.ship-update", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.OrderNumber,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var (shipment, memoLine) = await snapshots.GetShipmentUpdateAsync(input, ct);
                var invoiceId = (await ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(input.ConnectionId, input.OrderNumber), ct)) is { Status: LedgerStatus.Succeeded, TargetId: { } id }
                    ? id
                    : (await qbo.FindInvoiceByDocNumberAsync(input.ConnectionId, input.OrderNumber, ct))?.Id
                      ?? throw await NoInvoiceAsync(input, ct);

                var result = await ledger.ExecuteOnceAsync(
                    ShipStationQboKeys.ShipmentUpdateApply(input),
                    async c => (await qbo.GetInvoiceAsync(input.ConnectionId, invoiceId, c)) is { } current && ShipStationQboMapper.CarriesShipment(current, shipment) ? current.Id : null,
                    async c => (await qbo.UpdateInvoiceAsync(input.ConnectionId, invoiceId, current => ShipStationQboMapper.ToInvoiceShipUpdate(current, shipment, memoLine), c)).Id!,
                    ct);
                return new AuditedResult<ShipmentSyncResult>(
                    new ShipmentSyncResult(input.OrderNumber, shipment.ShipmentId, result.TargetId, result.Created),
                    result.Created ? AuditOutcome.Succeeded : AuditOutcome.Skipped,
                    shipment.TrackingNumber,
                    result.Created ? $"Invoice {input.OrderNumber}: {memoLine}" : $"Invoice {input.OrderNumber} already carries this shipment.");
            },
            cancellationToken);
    }

    /// <summary>Why the order has no invoice: its own workflow failed (parked, not retried), or it is still syncing (transient).</summary>
    private async Task<ConnectorException> NoInvoiceAsync(ShipmentSnapshotRef input, CancellationToken cancellationToken)
    {
        var order = await workflows.GetStatusAsync(ShipStationQboKeys.OrderInstance(input.ConnectionId, input.OrderNumber), cancellationToken);
        for (var hops = 0; order?.ReplayedBy is { } replay && hops < 20; hops++)
        {
            order = await workflows.GetStatusAsync(replay, cancellationToken);
        }

        return order is { RuntimeStatus: WorkflowRuntimeStatus.Failed }
            ? new ConnectorException(Connections.IntegrationKinds.ShipStationQbo, ErrorKind.NotFound, $"Order {input.OrderNumber} has no QBO invoice because its own sync failed ({order.Failure?.Kind.ToString() ?? "unknown"}; failure {order.InstanceId}). Fix and replay the order first, then replay this shipment.")
            : new ConnectorException(Connections.IntegrationKinds.ShipStationQbo, ErrorKind.Transient, $"Order {input.OrderNumber} has no QBO invoice yet; the shipment will be applied once it has.");
    }
}
