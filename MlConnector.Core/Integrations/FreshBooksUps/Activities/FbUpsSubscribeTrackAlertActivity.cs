using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>freshbooks-ups's name for the shared Track Alert subscription of a new shipment's packages (<see cref="TrackAlertSubscriber"/>).</summary>
/// <param name="subscriber">The subscriber.</param>
[TargetWrite]
public sealed class FbUpsSubscribeTrackAlertActivity(TrackAlertSubscriber subscriber) : IWorkflowActivity<TrackAlertRequest, TrackAlertResult>
{
    /// <inheritdoc />
    public string Name => nameof(FbUpsSubscribeTrackAlertActivity);

    /// <inheritdoc />
    public Task<TrackAlertResult> RunAsync(WorkflowActivityContext context, TrackAlertRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return subscriber.SubscribeAsync(input.ConnectionId, input.TrackingNumbers, "ups.trackalert.subscribe", context.InstanceId, cancellationToken);
    }
}
