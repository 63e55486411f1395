using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// Writes a package's new UPS status into the memo of the PO's bill or journal entry (all of the shipment's packages, one
/// status each), with the current SyncToken; a memo that already says it is left alone, so a repeated event changes
/// nothing. One write-back per bill or journal entry at a time (<see cref="UpsTrackingWriteBack"/>: a lease around rows →
/// update → re-read, the memo written again while the rows give a newer one); an update that finds the document's
/// write-back running hands its status to it (audited Skipped, naming the holder), so an older memo never lands over a
/// newer one. The Succeeded audit row names the status that started it and, after <c>now shows</c>, every package's
/// status in the memo after it (the write-back of one status may write another's). A delivered package is marked so its
/// Track Alert subscription is no longer renewed. A tracking number that is not one of this connection's shipments is
/// ignored with an audit note.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="steps">The shared UPS shipping steps (records the status on the package row, never setting Delivered back).</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="writeBack">The shared write-back (one per document at a time).</param>
/// <param name="audit">The audit trail.</param>
[TargetWrite]
public sealed class QboApplyTrackingActivity(IQuickBooksOnlineClient qbo, UpsShippingSteps steps, UpsShipmentStore shipments, UpsTrackingWriteBack writeBack, IAuditTrail audit) : IWorkflowActivity<TrackingUpdate, TrackingApplyResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboApplyTrackingActivity);

    /// <inheritdoc />
    public Task<TrackingApplyResult> RunAsync(WorkflowActivityContext context, TrackingUpdate input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var status = input.Status;
        var template = new AuditRecord(input.ConnectionId, "qbo.tracking.apply", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = status.TrackingNumber,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var recorded = await steps.RecordStatusAsync(input.ConnectionId, status, ct);
                var text = recorded.StatusText;
                if (recorded.Row is not { } row)
                {
                    return new AuditedResult<TrackingApplyResult>(new(status.TrackingNumber, null, false, status.Delivered), AuditOutcome.Skipped, null, $"{status.TrackingNumber} is not a shipment of this connection; ignored.");
                }

                if (recorded.Stale)
                {
                    return new AuditedResult<TrackingApplyResult>(new(status.TrackingNumber, row.CostEntityId, false, row.Delivered), AuditOutcome.Skipped, row.CostEntityId, $"{status.TrackingNumber}: {text} is older than the status already applied ({row.StatusText}); ignored.");
                }

                if (row.CostEntityId is null)
                {
                    return new AuditedResult<TrackingApplyResult>(new(status.TrackingNumber, null, false, row.Delivered), AuditOutcome.Skipped, null, $"{row.Source.Describe()} has no bill or journal entry yet; status kept on the shipment: {text}.");
                }

                // Under the document's lease, re-read the rows after each update and write again while they give a newer memo.
                var (applied, lines) = (false, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));
                var entity = row.CostEntity ?? "Bill";
                var written = await writeBack.WriteAsync(
                    input.ConnectionId,
                    $"qbo-{entity}",
                    row.CostEntityId,
                    async ct2 =>
                    {
                        var packages = await shipments.GetBySourceAsync(input.ConnectionId, row.Source.System, row.Source.Id, ct2);
                        var packageLines = packages.Where(p => p.ShipmentIdentificationNumber == row.ShipmentIdentificationNumber).OrderBy(p => p.TrackingNumber, StringComparer.Ordinal).Select(UpsTrackingText.PackageLine).ToList();
                        var memo = QboUpsMapper.Memo(row.Source.Number, row.ShipmentIdentificationNumber, packageLines);
                        lines[memo] = packageLines;
                        return memo;
                    },
                    async (memo, ct2) => applied |= await WriteMemoAsync(input.ConnectionId, row.CostEntity, row.CostEntityId, memo, ct2),
                    ct);
                var result = new TrackingApplyResult(status.TrackingNumber, row.CostEntityId, applied, row.Delivered);
                if (written.HandedTo is { } holder)
                {
                    return new AuditedResult<TrackingApplyResult>(result, AuditOutcome.Skipped, row.CostEntityId, $"{entity} {row.CostEntityId} memo: {status.TrackingNumber}: {text} (from {input.Source}) handed to the write-back holding the {entity} ({holder}), which writes it with its own.");
                }

                return applied
                    ? new AuditedResult<TrackingApplyResult>(result, AuditOutcome.Succeeded, row.CostEntityId, $"{entity} {row.CostEntityId} memo: {status.TrackingNumber}: {text} (from {input.Source}); {UpsTrackingText.NowShows(lines[written.Text])}.")
                    : new AuditedResult<TrackingApplyResult>(result, AuditOutcome.Skipped, row.CostEntityId, $"{entity} {row.CostEntityId} already shows {status.TrackingNumber}: {text}.");
            },
            cancellationToken);
    }

    /// <summary>Writes the memo to the row's bill or journal entry with its current SyncToken, unless it already says it.</summary>
    /// <returns>True when the memo changed.</returns>
    private async Task<bool> WriteMemoAsync(string connectionId, string? costEntity, string costEntityId, string memo, CancellationToken cancellationToken)
    {
        string? before = null;
        string? after;
        if (costEntity == "JournalEntry")
        {
            after = (await qbo.UpdateJournalEntryAsync(connectionId, costEntityId, current =>
            {
                before = current.PrivateNote;
                return current.PrivateNote == memo ? new QboJournalEntryUpdate() : new QboJournalEntryUpdate { PrivateNote = memo };
            }, cancellationToken)).PrivateNote;
        }
        else
        {
            after = (await qbo.UpdateBillAsync(connectionId, costEntityId, current =>
            {
                before = current.PrivateNote;
                return current.PrivateNote == memo ? new QboBillUpdate() : new QboBillUpdate { PrivateNote = memo };
            }, cancellationToken)).PrivateNote;
        }

        return before != after;
    }
}
