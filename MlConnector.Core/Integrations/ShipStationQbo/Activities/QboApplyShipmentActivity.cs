using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Writes a shipment (a label, or a fulfillment made outside ShipStation) onto the order's QBO invoice with the
/// invoice's current SyncToken: ship date, ship method (carrier and service), tracking number, and a memo line per
/// shipment. Labels and fulfillments take the same path and the same ledger operation, keyed by their own ids. When the
/// invoice does not exist yet (the order is still syncing) it fails transiently so the workflow retries later; when the
/// order's own workflow (<see cref="ShipStationQboKeys.OrderInstance"/>, or the last replay of it) has failed, or the order
/// chunk that was invoicing it (<see cref="ShipStationOrderChunkToQboWorkflow"/>, or the last replay of it) failed as a
/// whole, waiting cannot help, so the shipment is parked visibly at once: a failure (not retried) that names the order and
/// the failure to replay first, then this shipment.
/// </summary>
/// <remarks>
/// A chunk that fails as a whole releases the ledger claims of its open orders (<see cref="QboBatchAttempts"/>): the
/// order's <see cref="ShipStationQboKeys.InvoiceCreate"/> row is <see cref="LedgerStatus.Failed"/> and no per-order
/// workflow exists. Only then are the connection's failed chunk instances read, to find the one whose input holds the
/// order. A released claim alone proves nothing: the chunk may be between its retries (its instance is still running).
/// The parked failure is <see cref="ErrorKind.NotFound"/>, or <see cref="ErrorKind.NeedsReconsent"/> when the order's
/// failure is, so that the merchant's re-consent, which replays the order's failure, replays the shipment after it
/// (<see cref="Failures.ReconsentFailureReplay"/>, oldest failure first).
/// </remarks>
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
                var invoiceCreate = await ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(input.ConnectionId, input.OrderNumber), ct);
                var invoiceId = invoiceCreate is { Status: LedgerStatus.Succeeded, TargetId: { } id }
                    ? id
                    : (await qbo.FindInvoiceByDocNumberAsync(input.ConnectionId, input.OrderNumber, ct))?.Id
                      ?? throw await NoInvoiceAsync(input, invoiceCreate, ct);

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

    /// <summary>
    /// Why the order has no invoice: its own workflow failed, or the chunk that was invoicing it failed (parked, not
    /// retried); or it is still syncing (transient).
    /// </summary>
    private async Task<ConnectorException> NoInvoiceAsync(ShipmentSnapshotRef input, LedgerEntry? invoiceCreate, CancellationToken cancellationToken)
    {
        var order = await LastReplayAsync(await workflows.GetStatusAsync(ShipStationQboKeys.OrderInstance(input.ConnectionId, input.OrderNumber), cancellationToken), cancellationToken);
        if (order is { RuntimeStatus: WorkflowRuntimeStatus.Failed })
        {
            return Parked(input, order, "its own sync failed", "the order");
        }

        if (order is null && invoiceCreate is { Status: LedgerStatus.Failed } && await FailedChunkAsync(input, cancellationToken) is { } chunk)
        {
            return Parked(input, chunk, "the batch that was invoicing it failed as a whole", "that batch (it invoices the order)");
        }

        return new ConnectorException(Connections.IntegrationKinds.ShipStationQbo, ErrorKind.Transient, $"Order {input.OrderNumber} has no QBO invoice yet; the shipment will be applied once it has.");
    }

    private static ConnectorException Parked(ShipmentSnapshotRef input, WorkflowInstanceStatus failed, string why, string replayFirst)
    {
        var kind = failed.Failure?.Kind;
        var then = kind == ErrorKind.NeedsReconsent
            ? $"Reconnecting the account replays {replayFirst}, then this shipment."
            : $"Fix and replay {replayFirst} first, then replay this shipment.";
        return new ConnectorException(
            Connections.IntegrationKinds.ShipStationQbo,
            kind == ErrorKind.NeedsReconsent ? ErrorKind.NeedsReconsent : ErrorKind.NotFound,
            $"Order {input.OrderNumber} has no QBO invoice because {why} ({kind?.ToString() ?? "unknown"}; failure {failed.InstanceId}). {then}");
    }

    /// <summary>The last replay of the failed order chunk whose input holds the order, when that replay failed too.</summary>
    private async Task<WorkflowInstanceStatus?> FailedChunkAsync(ShipmentSnapshotRef input, CancellationToken cancellationToken)
    {
        var failed = await workflows.ListAsync(WorkflowRuntimeStatus.Failed, input.ConnectionId, cancellationToken: cancellationToken);
        var chunk = failed
            .Where(s => s.Name == nameof(ShipStationOrderChunkToQboWorkflow) && s.ReadInputAs<OrderChunk>()?.Orders.Any(o => o.OrderNumber == input.OrderNumber) == true)
            .OrderBy(s => s.CreatedUtc)
            .FirstOrDefault();
        var last = await LastReplayAsync(chunk, cancellationToken);
        return last is { RuntimeStatus: WorkflowRuntimeStatus.Failed } ? last : null;
    }

    /// <summary>The instance itself, or its last replay (an order replayed by the operator or by a re-consent).</summary>
    private async Task<WorkflowInstanceStatus?> LastReplayAsync(WorkflowInstanceStatus? instance, CancellationToken cancellationToken)
    {
        for (var hops = 0; instance?.ReplayedBy is { } replay && hops < 20; hops++)
        {
            instance = await workflows.GetStatusAsync(replay, cancellationToken);
        }

        return instance;
    }
}
