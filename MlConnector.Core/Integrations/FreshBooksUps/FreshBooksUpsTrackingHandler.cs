using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// The <c>freshbooks-ups</c> side of UPS tracking: a package status (Track Alert push, tracking poll) starts
/// "UPS tracking → FreshBooks invoice" once per connection, tracking number and status.
/// </summary>
/// <param name="workflows">The workflow client.</param>
public sealed class FreshBooksUpsTrackingHandler(IWorkflowClient workflows) : IUpsTrackingHandler
{
    /// <inheritdoc />
    public string IntegrationKind => IntegrationKinds.FreshBooksUps;

    /// <inheritdoc />
    public string InstanceIdOf(string connectionId, UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return FreshBooksUpsKeys.TrackingInstance(connectionId, status.TrackingNumber, UpsTrackingText.StatusKey(status));
    }

    /// <inheritdoc />
    public Task<WorkflowStartResult> StartAsync(TrackingUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return workflows.StartAsync(nameof(UpsTrackingToFreshBooksInvoiceWorkflow), InstanceIdOf(update.ConnectionId, update.Status), update, cancellationToken);
    }
}
