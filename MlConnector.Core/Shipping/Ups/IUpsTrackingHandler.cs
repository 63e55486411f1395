using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// An integration's side of UPS tracking: what happens when a package it shipped has a new status, from a Track Alert
/// push, the batched tracking poll or Quantum View. One handler per integration kind
/// (<see cref="UpsShipmentRecord.IntegrationKind"/> routes a status to it), implemented once by
/// <see cref="UpsTrackingWorkflowHandler{TWorkflow}"/> and registered with
/// <see cref="UpsShippingServiceCollectionExtensions.AddUpsTrackingWorkflow{TWorkflow}"/>. The handler starts its own
/// workflow under a deterministic instance id per package and status, so a status pushed twice, or pushed and polled,
/// is applied once.
/// </summary>
public interface IUpsTrackingHandler
{
    /// <summary>The integration kind handled, for example <c>qbo-ups</c>.</summary>
    string IntegrationKind { get; }

    /// <summary>The workflow instance a status of a package runs under (deterministic: one per connection, package and status).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="status">The status.</param>
    /// <returns>The instance id.</returns>
    string InstanceIdOf(string connectionId, UpsTrackingStatus status);

    /// <summary>Starts the integration's tracking write-back for a status, or finds it already started.</summary>
    /// <param name="update">The connection, the status and where it came from.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The start result (<see cref="WorkflowStartResult.IsDuplicate"/> when this status was seen before).</returns>
    Task<WorkflowStartResult> StartAsync(TrackingUpdate update, CancellationToken cancellationToken = default);
}
