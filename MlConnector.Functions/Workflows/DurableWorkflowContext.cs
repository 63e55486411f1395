using System.Text.Json;
using Microsoft.DurableTask;
using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable's <see cref="TaskOrchestrationContext"/>, so a Core workflow runs
/// unchanged as a Durable orchestration. Everything it does is replay-safe: it keeps only a call counter that
/// replays identically, reads time from the orchestration history and waits on durable timers.
/// </summary>
/// <remarks>
/// Retries are not Durable's own: <see cref="WorkflowRetryPolicy"/> decides on the failure's
/// <see cref="Core.Errors.ErrorKind"/> and honours a vendor's Retry-After, which Durable's <c>RetryPolicy</c> cannot,
/// so each attempt is one activity call and each wait one durable timer.
/// </remarks>
public sealed class DurableWorkflowContext : IWorkflowContext
{
    private readonly TaskOrchestrationContext _context;
    private readonly DurableWorkflowInput _input;
    private int _taskId;

    /// <summary>Creates the adapter for one orchestrator execution.</summary>
    /// <param name="context">Durable's orchestration context.</param>
    /// <param name="workflowName">The Core workflow's name.</param>
    /// <param name="input">The orchestration input written by <see cref="DurableWorkflowClient"/>.</param>
    public DurableWorkflowContext(TaskOrchestrationContext context, string workflowName, DurableWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        ArgumentNullException.ThrowIfNull(input);
        _context = context;
        _input = input;
        Name = workflowName;
    }

    /// <inheritdoc />
    public string InstanceId => _context.InstanceId;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public DateTime CurrentUtcDateTime => _context.CurrentUtcDateTime;

    /// <inheritdoc />
    public bool IsReplaying => _context.IsReplaying;

    /// <inheritdoc />
    public T? GetInput<T>() => DurableWorkflowJson.FromElement<T>(_input.Input);

    /// <inheritdoc />
    public async Task<TResult> CallActivityAsync<TResult>(string activityName, object? input = null, WorkflowRetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityName);
        var inputJson = DurableWorkflowJson.ToJson(input, WorkflowLimits.MaxPayloadChars, "activity input");
        var taskId = ++_taskId;
        for (var attempt = 1; ; attempt++)
        {
            WorkflowFailureDetails failure;
            try
            {
                var result = await _context.CallActivityAsync<DurableActivityResult>(
                    activityName, new DurableActivityRequest(InstanceId, taskId, attempt, inputJson), options: null);
                if (result.Failure is null)
                {
                    return DurableWorkflowJson.FromJson<TResult>(result.OutputJson)!;
                }

                failure = result.Failure;
            }
            catch (TaskFailedException ex)
            {
                // The activity function itself failed (missing, input not bindable, worker error): unclassified.
                failure = WorkflowFailureDetails.FromException(ex);
            }

            if (retry is null || !retry.ShouldRetry(attempt, failure))
            {
                throw new WorkflowActivityFailedException(activityName, taskId, failure, attempt);
            }

            await _context.CreateTimer(_context.CurrentUtcDateTime.Add(retry.GetRetryDelay(attempt, failure)), CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken) => _context.CreateTimer(fireAtUtc, cancellationToken);

    /// <inheritdoc />
    public async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return DurableWorkflowJson.FromElement<T>(await _context.WaitForExternalEvent<JsonElement?>(eventName, CancellationToken.None))!;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        try
        {
            return DurableWorkflowJson.FromElement<T>(await _context.WaitForExternalEvent<JsonElement?>(eventName, timeout))!;
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"No '{eventName}' event arrived within {timeout}.", ex);
        }
    }

    /// <inheritdoc />
    public void SetCustomStatus(object? customStatus)
        => _context.SetCustomStatus(DurableWorkflowJson.ToElement(customStatus, WorkflowLimits.MaxCustomStatusChars, "custom status"));

    /// <inheritdoc />
    public ILogger CreateReplaySafeLogger(string categoryName) => _context.CreateReplaySafeLogger(categoryName);

    /// <inheritdoc />
    public Guid NewGuid() => _context.NewGuid();
}
