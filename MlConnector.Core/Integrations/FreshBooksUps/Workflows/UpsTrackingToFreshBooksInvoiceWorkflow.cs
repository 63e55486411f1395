using MlConnector.Core.Integrations.FreshBooksUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Workflows;

/// <summary>
/// "UPS tracking → FreshBooks invoice": a package's new status (Track Alert push or the tracking poll) goes into its
/// invoice. One instance per tracking number and status (<see cref="FreshBooksUpsKeys.TrackingInstance"/>), so a status
/// pushed twice, or pushed and polled, is written once; Delivered is never set back by a late scan.
/// </summary>
public sealed class UpsTrackingToFreshBooksInvoiceWorkflow : IWorkflow<TrackingUpdate, FreshBooksTrackingWriteResult>
{
    /// <inheritdoc />
    public string Name => nameof(UpsTrackingToFreshBooksInvoiceWorkflow);

    /// <inheritdoc />
    public async Task<FreshBooksTrackingWriteResult> RunAsync(IWorkflowContext context, TrackingUpdate input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "apply", trackingNumber = input.Status.TrackingNumber, status = input.Status.Description });
        var result = await context.CallActivityAsync<FreshBooksTrackingWriteResult>(nameof(FbApplyTrackingActivity), input, FreshBooksInvoiceToUpsShipmentWorkflow.VendorRetry);
        context.SetCustomStatus(new { step = "done", trackingNumber = input.Status.TrackingNumber, changed = result.Changed });
        return result;
    }
}
