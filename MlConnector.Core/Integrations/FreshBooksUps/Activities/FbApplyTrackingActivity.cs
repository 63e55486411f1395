using MlConnector.Core.Audit;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>
/// Records a package's new UPS status on its row (the shared <see cref="UpsShippingSteps.RecordStatusAsync"/>: a status
/// older than the one shown, or anything after Delivered, is not applied) and writes the invoice's tracking text
/// (<see cref="FreshBooksTrackingWriter"/>), so each status change reaches the invoice once. A tracking number that is not
/// one of this connection's FreshBooks shipments is ignored with an audit note.
/// </summary>
/// <param name="steps">The shared UPS shipping steps.</param>
/// <param name="writer">The tracking writer.</param>
/// <param name="audit">The audit trail.</param>
[TargetWrite]
public sealed class FbApplyTrackingActivity(UpsShippingSteps steps, FreshBooksTrackingWriter writer, IAuditTrail audit) : IWorkflowActivity<TrackingUpdate, FreshBooksTrackingWriteResult>
{
    /// <inheritdoc />
    public string Name => nameof(FbApplyTrackingActivity);

    /// <inheritdoc />
    public async Task<FreshBooksTrackingWriteResult> RunAsync(WorkflowActivityContext context, TrackingUpdate input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var recorded = await steps.RecordStatusAsync(input.ConnectionId, input.Status, cancellationToken);
        if (recorded.Row is not { } row || row.Source.System != FreshBooksUpsNames.InvoiceSource || !long.TryParse(row.Source.Id, CultureInfo.InvariantCulture, out var invoiceId))
        {
            await audit.WriteAsync(new AuditRecord(input.ConnectionId, FreshBooksUpsNames.WriteBackOperation, AuditOutcome.Skipped) { WorkflowInstanceId = context.InstanceId, BusinessKey = input.Status.TrackingNumber, Detail = $"{input.Status.TrackingNumber} is not a FreshBooks shipment of this connection; ignored." }, cancellationToken);
            return new FreshBooksTrackingWriteResult(0, false, string.Empty);
        }

        var why = recorded.Stale
            ? $"{input.Status.TrackingNumber}: {recorded.StatusText} is older than {row.StatusText}; kept {row.StatusText} (from {input.Source})"
            : $"{input.Status.TrackingNumber}: {recorded.StatusText} (from {input.Source})";
        return await writer.WriteAsync(input.ConnectionId, invoiceId, context.InstanceId, why, cancellationToken);
    }
}
