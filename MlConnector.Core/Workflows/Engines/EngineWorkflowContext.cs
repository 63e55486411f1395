namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// What both hosts' <see cref="IWorkflowContext"/> adapters share: the instance's <see cref="WorkflowEnvelope"/>, the
/// activity call counter and the retry loop. A subclass maps the rest onto its engine's orchestration context (Durable
/// Functions' <c>TaskOrchestrationContext</c> on Azure, the Durable Task Framework's <c>OrchestrationContext</c> under
/// <c>serve</c>).
/// </summary>
/// <remarks>
/// Retries are not the engine's own: <see cref="WorkflowRetryPolicy"/> decides on the failure's
/// <see cref="Errors.ErrorKind"/> and honours a vendor's Retry-After, which the engines' retry options cannot, so each
/// attempt is one activity call (<see cref="CallActivityAttemptAsync"/>) and each wait one durable timer. Everything
/// here is replay-safe: the counter replays identically and time comes from the orchestration history.
/// </remarks>
public abstract class EngineWorkflowContext : IWorkflowContext
{
    private readonly WorkflowEnvelope _envelope;
    private int _taskId;

    /// <summary>Creates the shared part of an adapter.</summary>
    /// <param name="workflowName">The Core workflow's name.</param>
    /// <param name="envelope">The instance's input as the client wrote it.</param>
    /// <exception cref="ArgumentException">When the name is blank.</exception>
    /// <exception cref="ArgumentNullException">When the envelope is null.</exception>
    protected EngineWorkflowContext(string workflowName, WorkflowEnvelope envelope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        ArgumentNullException.ThrowIfNull(envelope);
        Name = workflowName;
        _envelope = envelope;
    }

    /// <inheritdoc />
    public abstract string InstanceId { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <inheritdoc />
    public abstract bool IsReplaying { get; }

    /// <inheritdoc />
    public T? GetInput<T>() => WorkflowEngineJson.FromElement<T>(_envelope.Input);

    /// <inheritdoc />
    public async Task<TResult> CallActivityAsync<TResult>(string activityName, object? input = null, WorkflowRetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityName);
        var inputJson = WorkflowEngineJson.ToJson(input, WorkflowLimits.MaxPayloadChars, "activity input");
        var taskId = ++_taskId;
        for (var attempt = 1; ; attempt++)
        {
            var result = await CallActivityAttemptAsync(activityName, new WorkflowActivityRequest(InstanceId, taskId, attempt, inputJson));
            if (result.Failure is not { } failure)
            {
                return WorkflowEngineJson.FromJson<TResult>(result.OutputJson)!;
            }

            if (retry is null || !retry.ShouldRetry(attempt, failure))
            {
                throw new WorkflowActivityFailedException(activityName, taskId, failure, attempt);
            }

            await CreateTimer(CurrentUtcDateTime.Add(retry.GetRetryDelay(attempt, failure)), CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public abstract Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout);

    /// <inheritdoc />
    public void SetCustomStatus(object? customStatus)
        => SetCustomStatusJson(WorkflowEngineJson.ToJson(customStatus, WorkflowLimits.MaxCustomStatusChars, "custom status"));

    /// <inheritdoc />
    public void ContinueAsNew(object? input)
        => ContinueAsNewCore(_envelope with { Input = WorkflowEngineJson.ToElement(input, WorkflowLimits.MaxPayloadChars, "workflow input") });

    /// <inheritdoc />
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <inheritdoc />
    public abstract Guid NewGuid();

    /// <summary>
    /// Runs one attempt of an activity on the engine. An engine-level failure (the activity is not registered, its
    /// input cannot be bound) is returned as a failure of kind <see cref="Errors.ErrorKind.Unknown"/>, never thrown.
    /// </summary>
    /// <param name="activityName">The activity's registered name.</param>
    /// <param name="request">The attempt.</param>
    /// <returns>The activity's output or failure.</returns>
    protected abstract Task<WorkflowActivityResult> CallActivityAttemptAsync(string activityName, WorkflowActivityRequest request);

    /// <summary>
    /// Asks the engine to restart the instance with <paramref name="envelope"/> as its orchestration input once this run
    /// returns, keeping the events raised but not yet taken by a wait.
    /// </summary>
    /// <param name="envelope">This instance's envelope with the next run's input (root instance and replay lineage unchanged).</param>
    protected abstract void ContinueAsNewCore(WorkflowEnvelope envelope);

    /// <summary>Stores the custom status on the engine.</summary>
    /// <param name="json">The status as web-defaults JSON (already checked against <see cref="WorkflowLimits.MaxCustomStatusChars"/>), or null to clear it.</param>
    protected abstract void SetCustomStatusJson(string? json);
}
