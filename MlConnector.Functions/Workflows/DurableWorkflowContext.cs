using System.Text.Json;
using Microsoft.DurableTask;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable's <see cref="TaskOrchestrationContext"/>, so a Core workflow runs
/// unchanged as a Durable orchestration. The activity retry loop, the input envelope and the call counter are
/// <see cref="EngineWorkflowContext"/>'s, shared with the standalone host's Durable Task Framework adapter.
/// </summary>
public sealed class DurableWorkflowContext : EngineWorkflowContext
{
    private readonly TaskOrchestrationContext _context;

    /// <summary>Creates the adapter for one orchestrator execution.</summary>
    /// <param name="context">Durable's orchestration context.</param>
    /// <param name="workflowName">The Core workflow's name.</param>
    /// <param name="input">The orchestration input written by <see cref="DurableWorkflowClient"/>.</param>
    public DurableWorkflowContext(TaskOrchestrationContext context, string workflowName, WorkflowEnvelope input)
        : base(workflowName, input)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <inheritdoc />
    public override string InstanceId => _context.InstanceId;

    /// <inheritdoc />
    public override DateTime CurrentUtcDateTime => _context.CurrentUtcDateTime;

    /// <inheritdoc />
    public override bool IsReplaying => _context.IsReplaying;

    /// <inheritdoc />
    public override Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken) => _context.CreateTimer(fireAtUtc, cancellationToken);

    /// <inheritdoc />
    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return WorkflowEngineJson.FromElement<T>(await _context.WaitForExternalEvent<JsonElement?>(eventName, CancellationToken.None))!;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        try
        {
            return WorkflowEngineJson.FromElement<T>(await _context.WaitForExternalEvent<JsonElement?>(eventName, timeout))!;
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"No '{eventName}' event arrived within {timeout}.", ex);
        }
    }

    /// <inheritdoc />
    public override ILogger CreateReplaySafeLogger(string categoryName) => _context.CreateReplaySafeLogger(categoryName);

    /// <inheritdoc />
    public override Guid NewGuid() => _context.NewGuid();

    /// <inheritdoc />
    protected override async Task<WorkflowActivityResult> CallActivityAttemptAsync(string activityName, WorkflowActivityRequest request)
    {
        try
        {
            return await _context.CallActivityAsync<WorkflowActivityResult>(activityName, request, options: null);
        }
        catch (TaskFailedException ex)
        {
            // The activity function itself failed (missing, input not bindable, worker error): unclassified.
            return new WorkflowActivityResult(null, WorkflowFailureDetails.FromException(ex));
        }
    }

    /// <summary>
    /// Durable's <see cref="TaskOrchestrationContext.ContinueAsNew(object?, bool)"/> with <c>preserveUnprocessedEvents</c>:
    /// the worker re-sends the events it buffered for no wait to the next run (durabletask-dotnet
    /// <c>TaskOrchestrationContextWrapper.ContinueAsNew</c>).
    /// </summary>
    /// <param name="envelope">The next run's orchestration input.</param>
    protected override void ContinueAsNewCore(WorkflowEnvelope envelope) => _context.ContinueAsNew(envelope, preserveUnprocessedEvents: true);

    /// <inheritdoc />
    protected override void SetCustomStatusJson(string? json) => _context.SetCustomStatus(WorkflowEngineJson.Parse(json));
}
