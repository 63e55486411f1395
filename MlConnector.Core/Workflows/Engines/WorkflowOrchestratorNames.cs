namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// Maps Core workflow names (<c>nameof(SyncOrderToQboWorkflow)</c>) to orchestrator names (<c>SyncOrderToQboOrchestrator</c>)
/// and back. Both hosts register each workflow under its orchestrator name (the Durable orchestrator function on Azure,
/// the Durable Task Framework orchestration under <c>serve</c>), so a monitor shows the same names on both; activities
/// keep their Core name (<c>…Activity</c>). Never rename one: in-flight instances replay by name.
/// </summary>
public static class WorkflowOrchestratorNames
{
    private const string WorkflowSuffix = "Workflow";
    private const string OrchestratorSuffix = "Orchestrator";

    /// <summary>The orchestrator that runs <paramref name="workflowName"/>.</summary>
    /// <param name="workflowName">A Core workflow name ending in <c>Workflow</c>.</param>
    /// <returns>The name with <c>Workflow</c> replaced by <c>Orchestrator</c>.</returns>
    /// <exception cref="ArgumentException">When the name does not end in <c>Workflow</c>.</exception>
    public static string OrchestratorFor(string workflowName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        if (workflowName.Length <= WorkflowSuffix.Length || !workflowName.EndsWith(WorkflowSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Workflow names end in '{WorkflowSuffix}' (nameof(TheWorkflow)); '{workflowName}' does not, so it has no orchestrator.", nameof(workflowName));
        }

        return workflowName[..^WorkflowSuffix.Length] + OrchestratorSuffix;
    }

    /// <summary>The Core workflow an orchestrator runs.</summary>
    /// <param name="orchestratorName">An orchestrator name.</param>
    /// <returns>The workflow name, or <paramref name="orchestratorName"/> unchanged when it does not end in <c>Orchestrator</c>.</returns>
    public static string WorkflowFor(string orchestratorName)
    {
        ArgumentNullException.ThrowIfNull(orchestratorName);
        return orchestratorName.Length > OrchestratorSuffix.Length && orchestratorName.EndsWith(OrchestratorSuffix, StringComparison.Ordinal)
            ? orchestratorName[..^OrchestratorSuffix.Length] + WorkflowSuffix
            : orchestratorName;
    }
}
