using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Invoices a chunk of orders through QBO's batch endpoint (<see cref="ShipStationQboOrderBatchSync"/>); each order's
/// outcome is in the ledger and the audit trail, and a failed order is handed to its own workflow. A target write: the
/// shared pause gate holds it while the connection is paused (it used to check the paused flag itself).
/// </summary>
/// <param name="sync">The batched invoice path.</param>
[TargetWrite]
public sealed class QboSyncOrderChunkActivity(ShipStationQboOrderBatchSync sync) : IWorkflowActivity<OrderChunk, OrderChunkResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboSyncOrderChunkActivity);

    /// <inheritdoc />
    public Task<OrderChunkResult> RunAsync(WorkflowActivityContext context, OrderChunk input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return sync.SyncAsync(input, context.InstanceId, cancellationToken);
    }
}
