using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Records a posting's outcome: the QuickBooks <c>TxnID</c> on the order, the audit row (business key = order number,
/// vendor reference = TxnID), a flag for review when QuickBooks refused a reference, and releases an add reservation whose
/// add failed or never ran.
/// </summary>
/// <param name="orders">The order store.</param>
/// <param name="audit">The audit trail.</param>
public sealed class QbdRecordPostingActivity(QbdOrderStore orders, IAuditTrail audit) : IWorkflowActivity<QbdPostingRecord, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdRecordPostingActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdPostingRecord input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var shipment = input.Shipment;
        var result = input.Result;
        if (input.ReleaseRequestId is { } release)
        {
            await orders.ReleaseAddAsync(shipment.ConnectionId, shipment.OrderNumber, release, cancellationToken);
        }

        if (result.TxnId is { } txnId)
        {
            await orders.SetTxnAsync(shipment.ConnectionId, shipment.OrderNumber, txnId, cancellationToken);
        }

        if (result.Outcome == QbdShipStationWorkflowOutcomes.Flagged)
        {
            await orders.SetReviewAsync(shipment.ConnectionId, shipment.OrderNumber, QbdOrderReview.NeedsReview, result.Detail, cancellationToken);
        }

        var flagged = result.Outcome is QbdShipStationWorkflowOutcomes.Flagged or QbdShipStationWorkflowOutcomes.Failed;

        await audit.WriteAsync(
            new AuditRecord(shipment.ConnectionId, QbdShipStationNames.PostOperation, flagged ? AuditOutcome.Failed : AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = context.InstanceId,
                BusinessKey = shipment.OrderNumber,
                VendorReference = result.TxnId,
                ErrorKind = flagged ? ErrorKind.Validation : null,
                Detail = $"{result.Outcome}: {result.Detail}",
            },
            cancellationToken);
        return true;
    }
}
