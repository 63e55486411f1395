using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Workflows;

/// <summary>
/// A ShipStation ORDER_NOTIFY or SHIP_NOTIFY for a <c>qbd-shipstation</c> connection: fetch the resource and start the
/// order batch's validation or each shipment's posting. Started under an id derived from the delivery, so a redelivery is
/// a duplicate.
/// </summary>
public sealed class QbdShipStationNotificationWorkflow : IWorkflow<QbdNotification, QbdDispatchResult>
{
    /// <summary>Fetching retries transient failures and 429s for about half an hour.</summary>
    public static readonly WorkflowRetryPolicy FetchRetry = new(8, TimeSpan.FromSeconds(15), 2.0, TimeSpan.FromMinutes(10));

    /// <inheritdoc />
    public string Name => nameof(QbdShipStationNotificationWorkflow);

    /// <inheritdoc />
    public async Task<QbdDispatchResult> RunAsync(IWorkflowContext context, QbdNotification input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "fetch", resourceType = input.ResourceType });
        var result = await context.CallActivityAsync<QbdDispatchResult>(nameof(QbdShipStationFetchNotificationActivity), input, FetchRetry);
        context.SetCustomStatus(new { step = "done", resourceType = input.ResourceType, started = result.Started, duplicates = result.Duplicates });
        return result;
    }
}
