using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Workflows;

/// <summary>
/// "UPS tracking → QBO bill": a package's new status (from a Track Alert push or the tracking poll) goes into the memo
/// of its purchase order's bill or journal entry. One instance per tracking number and status
/// (<see cref="QboUpsKeys.TrackingInstance"/>), so the same event pushed twice, or pushed and polled, is applied once.
/// </summary>
public sealed class UpsTrackingToQboBillWorkflow : IWorkflow<TrackingUpdate, TrackingApplyResult>
{
    /// <inheritdoc />
    public string Name => nameof(UpsTrackingToQboBillWorkflow);

    /// <inheritdoc />
    public async Task<TrackingApplyResult> RunAsync(IWorkflowContext context, TrackingUpdate input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "apply", trackingNumber = input.Status.TrackingNumber, status = input.Status.Description });
        var result = await context.CallActivityAsync<TrackingApplyResult>(nameof(QboApplyTrackingActivity), input, QboPurchaseOrderToUpsShipmentWorkflow.VendorRetry);
        context.SetCustomStatus(new { step = "done", trackingNumber = input.Status.TrackingNumber, changed = result.Changed });
        return result;
    }
}
