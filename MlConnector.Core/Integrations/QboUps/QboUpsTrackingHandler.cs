using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>
/// The <c>qbo-ups</c> side of UPS tracking: a package status (Track Alert push, tracking poll, Quantum View) starts
/// "UPS tracking → QBO bill" once per connection, tracking number and status (<see cref="QboUpsKeys.TrackingInstance"/>).
/// </summary>
/// <param name="workflows">The workflow client.</param>
public sealed class QboUpsTrackingHandler(IWorkflowClient workflows) : IUpsTrackingHandler
{
    /// <inheritdoc />
    public string IntegrationKind => IntegrationKinds.QboUps;

    /// <inheritdoc />
    public string InstanceIdOf(string connectionId, UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return QboUpsKeys.TrackingInstance(connectionId, status.TrackingNumber, UpsTrackingText.StatusKey(status));
    }

    /// <inheritdoc />
    public Task<WorkflowStartResult> StartAsync(TrackingUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return workflows.StartAsync(nameof(UpsTrackingToQboBillWorkflow), InstanceIdOf(update.ConnectionId, update.Status), update, cancellationToken);
    }
}
