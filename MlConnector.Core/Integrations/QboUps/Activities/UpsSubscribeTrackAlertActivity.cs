using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>qbo-ups's name for the shared Track Alert subscription of a new shipment's packages (<see cref="TrackAlertSubscriber"/>).</summary>
/// <param name="subscriber">The subscriber.</param>
[TargetWrite]
public sealed class UpsSubscribeTrackAlertActivity(TrackAlertSubscriber subscriber) : IWorkflowActivity<TrackAlertRequest, TrackAlertResult>
{
    /// <inheritdoc />
    public string Name => nameof(UpsSubscribeTrackAlertActivity);

    /// <inheritdoc />
    public Task<TrackAlertResult> RunAsync(WorkflowActivityContext context, TrackAlertRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return subscriber.SubscribeAsync(input.ConnectionId, input.TrackingNumbers, "ups.trackalert.subscribe", context.InstanceId, cancellationToken);
    }
}
