using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation notification": fetches what an ORDER_NOTIFY, SHIP_NOTIFY or FULFILLMENT_SHIPPED delivery points at and
/// starts one order or shipment workflow per document. Started by the webhook endpoint under an instance id derived
/// from the delivery, so a redelivery is a duplicate.
/// </summary>
public sealed class ShipStationNotificationWorkflow : IWorkflow<NotificationInput, DispatchResult>
{
    /// <summary>Fetching retries transient failures and 429s for about half an hour.</summary>
    public static readonly WorkflowRetryPolicy FetchRetry = new(8, TimeSpan.FromSeconds(15), 2.0, TimeSpan.FromMinutes(10));

    /// <inheritdoc />
    public string Name => nameof(ShipStationNotificationWorkflow);

    /// <inheritdoc />
    public Task<DispatchResult> RunAsync(IWorkflowContext context, NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<DispatchResult>(nameof(ShipStationFetchNotificationActivity), input, FetchRetry);
    }
}
