namespace MlConnector.Functions.Workflows;

/// <summary>
/// Maps Core workflow names (<c>nameof(SyncOrderToQboWorkflow)</c>) to Durable orchestrator function names
/// (<c>SyncOrderToQboOrchestrator</c>) and back. Activities keep their Core name (<c>…Activity</c>) as function name.
/// </summary>
public static class DurableWorkflowNames
{
    private const string WorkflowSuffix = "Workflow";
    private const string OrchestratorSuffix = "Orchestrator";

    /// <summary>The orchestrator function that runs <paramref name="workflowName"/>.</summary>
    /// <param name="workflowName">A Core workflow name ending in <c>Workflow</c>.</param>
    /// <returns>The name with <c>Workflow</c> replaced by <c>Orchestrator</c>.</returns>
    /// <exception cref="ArgumentException">When the name does not end in <c>Workflow</c>.</exception>
    public static string OrchestratorFor(string workflowName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        if (workflowName.Length <= WorkflowSuffix.Length || !workflowName.EndsWith(WorkflowSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Workflow names end in '{WorkflowSuffix}' (nameof(TheWorkflow)); '{workflowName}' does not, so it has no orchestrator function.", nameof(workflowName));
        }

        return workflowName[..^WorkflowSuffix.Length] + OrchestratorSuffix;
    }

    /// <summary>The Core workflow an orchestrator function runs.</summary>
    /// <param name="orchestratorName">An orchestrator function name.</param>
    /// <returns>The workflow name, or <paramref name="orchestratorName"/> unchanged when it does not end in <c>Orchestrator</c>.</returns>
    public static string WorkflowFor(string orchestratorName)
    {
        ArgumentNullException.ThrowIfNull(orchestratorName);
        return orchestratorName.Length > OrchestratorSuffix.Length && orchestratorName.EndsWith(OrchestratorSuffix, StringComparison.Ordinal)
            ? orchestratorName[..^OrchestratorSuffix.Length] + WorkflowSuffix
            : orchestratorName;
    }
}
