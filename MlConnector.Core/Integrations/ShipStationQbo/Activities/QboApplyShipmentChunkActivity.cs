using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Applies a chunk of shipments to their QBO invoices through one read and QBO's batch endpoint
/// (<see cref="ShipStationQboShipmentBatchSync"/>); each shipment's outcome is in the ledger and the audit trail, and one
/// that cannot be applied here is handed to its own workflow. A target write: it does not run while the connection is paused.
/// </summary>
/// <param name="sync">The batched shipment path.</param>
[TargetWrite]
public sealed class QboApplyShipmentChunkActivity(ShipStationQboShipmentBatchSync sync) : IWorkflowActivity<ShipmentChunk, ShipmentChunkResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboApplyShipmentChunkActivity);

    /// <inheritdoc />
    public Task<ShipmentChunkResult> RunAsync(WorkflowActivityContext context, ShipmentChunk input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return sync.SyncAsync(input, context.InstanceId, cancellationToken);
    }
}
