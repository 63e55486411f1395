using System.Text.Json;
using Microsoft.DurableTask;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// The body of every workflow orchestrator function:
/// <code>
/// [Function(nameof(SyncOrderToQboOrchestrator))]
/// public static Task&lt;JsonElement?&gt; RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
///     =&gt; DurableWorkflowRunner.RunAsync(context, new SyncOrderToQboWorkflow());
/// </code>
/// </summary>
public static class DurableWorkflowRunner
{
    /// <summary>Runs <paramref name="workflow"/> against the orchestration and returns its output as web-defaults JSON.</summary>
    /// <param name="context">Durable's orchestration context.</param>
    /// <param name="workflow">The Core workflow (deterministic, no I/O).</param>
    /// <returns>The workflow's output, or null for none.</returns>
    /// <exception cref="InvalidOperationException">When the instance was not started through <see cref="DurableWorkflowClient"/>.</exception>
    public static async Task<JsonElement?> RunAsync(TaskOrchestrationContext context, IWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(workflow);
        var input = context.GetInput<WorkflowEnvelope>()
            ?? throw new InvalidOperationException($"Instance '{context.InstanceId}' has no {nameof(WorkflowEnvelope)}; start workflows through {nameof(DurableWorkflowClient)}.");
        var output = await workflow.RunSerializedAsync(new DurableWorkflowContext(context, workflow.Name, input));
        return WorkflowEngineJson.Parse(output);
    }
}
