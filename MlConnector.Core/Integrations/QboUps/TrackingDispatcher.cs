using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>Starts "UPS tracking → QBO bill" for a package status, once per tracking number and status.</summary>
/// <param name="workflows">The workflow client.</param>
public sealed class TrackingDispatcher(IWorkflowClient workflows)
{
    /// <summary>Starts the workflow for a status, or finds it already started.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="status">The status.</param>
    /// <param name="source"><c>trackalert</c> or <c>poll</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The start result (<see cref="WorkflowStartResult.IsDuplicate"/> when this status was seen before).</returns>
    public Task<WorkflowStartResult> DispatchAsync(string connectionId, UpsTrackingStatus status, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        return workflows.StartAsync(nameof(UpsTrackingToQboBillWorkflow), InstanceIdOf(connectionId, status), new TrackingUpdate(connectionId, status, source), cancellationToken);
    }

    /// <summary>The instance id the workflow of a status runs under: one per connection, tracking number and status.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="status">The status.</param>
    /// <returns>The deterministic instance id.</returns>
    public static string InstanceIdOf(string connectionId, UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return QboUpsKeys.TrackingInstance(connectionId, status.TrackingNumber, QboUpsMapper.StatusKey(status));
    }
}
