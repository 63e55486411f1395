namespace MlConnector.Core.Workflows;

/// <summary>What one <see cref="IWorkflowClient.PurgeCompletedAsync"/> call removed.</summary>
/// <param name="Instances">Completed instances purged (their state and history deleted).</param>
/// <param name="Rows">Storage rows deleted with them (Instances and History rows), where the engine reports it; 0 where it does not (Durable Functions' client reports instances only).</param>
/// <param name="Kept">Completed instances old enough but kept: replays, which the failed instance they replay names (<see cref="WorkflowInstanceStatus.ReplayedBy"/>).</param>
/// <param name="More">True when the pass stopped at its limit and more old completed instances may be left for the next pass.</param>
public sealed record WorkflowPurgeResult(int Instances, int Rows, int Kept, bool More)
{
    /// <summary>Nothing was purged.</summary>
    public static WorkflowPurgeResult None { get; } = new(0, 0, 0, false);
}
