using DurableTask.Core;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// One Core workflow as a Durable Task Framework orchestration, registered under its orchestrator name
/// (<see cref="WorkflowOrchestratorNames.OrchestratorFor"/>, the same name as the Functions app's orchestrator function).
/// The framework creates one per episode; input, output and custom status cross it as JSON text unchanged.
/// </summary>
/// <param name="workflow">The Core workflow (deterministic, no I/O).</param>
/// <param name="loggerFactory">Creates the workflow's replay-safe loggers.</param>
internal sealed class TaskHubWorkflowOrchestration(IWorkflow workflow, ILoggerFactory loggerFactory) : TaskOrchestration
{
    private TaskHubWorkflowContext? _context;

    public override async Task<string?> Execute(OrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var envelope = (input is null ? null : WorkflowEngineJson.FromJson<WorkflowEnvelope>(input))
            ?? throw new InvalidOperationException($"Instance '{context.OrchestrationInstance.InstanceId}' has no workflow envelope; start workflows through the workflow client.");
        _context = new TaskHubWorkflowContext(context, workflow.Name, envelope, loggerFactory);
        return await workflow.RunSerializedAsync(_context);
    }

    public override void RaiseEvent(OrchestrationContext context, string name, string input)
        => (_context ?? throw new InvalidOperationException("An event arrived before the orchestration started.")).OnEvent(name, input);

    public override string? GetStatus() => _context?.CustomStatusJson;
}
