namespace MlConnector.Core.Workflows;

/// <summary>
/// What a workflow sees of its durable run: its identity, deterministic time, activities, durable timers, external
/// events and custom status. Each host adapts it to its engine (<see cref="Engines.EngineWorkflowContext"/>): the
/// standalone host over the Durable Task Framework's <c>OrchestrationContext</c>, the Azure Functions host over
/// Durable's <c>TaskOrchestrationContext</c>.
/// </summary>
/// <remarks>
/// A workflow re-executes from the start every time it resumes (replay): completed steps return their recorded
/// results. Workflow code therefore must be deterministic: no I/O, no clock (<c>DateTime.UtcNow</c>), no
/// random numbers or <see cref="Guid.NewGuid"/>, no environment or static mutable state, no <c>Task.Run</c>,
/// <c>Task.Delay</c> or <c>ConfigureAwait(false)</c>. Await only tasks this context returns. Activities do all I/O.
/// Inputs, outputs, payloads and custom status are stored as JSON (System.Text.Json, web defaults) in plain text:
/// pass ids, never secrets or whole documents.
/// </remarks>
public interface IWorkflowContext
{
    /// <summary>The instance id (deterministic, see <see cref="WorkflowInstanceId.For"/>).</summary>
    string InstanceId { get; }

    /// <summary>The workflow's registered name (<see cref="IWorkflow.Name"/>).</summary>
    string Name { get; }

    /// <summary>
    /// The current time, UTC, as recorded in the instance's history: it starts at the instance's creation time and
    /// advances only when a step completes, so it is identical on every replay.
    /// </summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the workflow re-executes code it has already executed in an earlier run.</summary>
    bool IsReplaying { get; }

    /// <summary>Reads the instance's input.</summary>
    /// <typeparam name="T">The input type it was started with.</typeparam>
    /// <returns>The input deserialized from its stored JSON.</returns>
    T? GetInput<T>();

    /// <summary>
    /// Schedules an activity and returns its result. On replay the recorded result (or failure) is returned without
    /// running the activity again.
    /// </summary>
    /// <typeparam name="TResult">The activity's output type.</typeparam>
    /// <param name="activityName">The activity's registered name: use <c>nameof(TheActivity)</c>, never a literal.</param>
    /// <param name="input">The activity's input, serialized to JSON; small ids only.</param>
    /// <param name="retry">How failed attempts are retried; null for a single attempt.</param>
    /// <returns>The activity's output.</returns>
    /// <exception cref="WorkflowActivityFailedException">When the activity failed and no (further) retry applies.</exception>
    Task<TResult> CallActivityAsync<TResult>(string activityName, object? input = null, WorkflowRetryPolicy? retry = null);

    /// <summary>Creates a durable timer that survives restarts (Durable's <c>CreateTimer</c>).</summary>
    /// <param name="fireAtUtc">When it fires, UTC; derive it from <see cref="CurrentUtcDateTime"/>.</param>
    /// <param name="cancellationToken">Cancels the timer (its task then ends as canceled).</param>
    /// <returns>A task that completes when the timer fires.</returns>
    Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an event raised with <see cref="IWorkflowClient.RaiseEventAsync"/>. Events raised before the wait
    /// are kept and delivered in the order raised; names compare case-insensitively.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait, measured from <see cref="CurrentUtcDateTime"/>; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <returns>The event's payload.</returns>
    /// <exception cref="TimeoutException">When no event arrived within <paramref name="timeout"/>.</exception>
    Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout);

    /// <summary>
    /// Sets a small JSON-serializable status that <see cref="IWorkflowClient.GetStatusAsync"/> shows (at most
    /// <see cref="WorkflowLimits.MaxCustomStatusChars"/> characters of JSON). It is stored with the next step.
    /// </summary>
    /// <param name="customStatus">The status, or null to clear it.</param>
    void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Restarts this instance under the same id with <paramref name="input"/> and an empty history (the engines'
    /// <c>ContinueAsNew</c>), so a long-running workflow such as a backfill keeps its history, and each replay, small.
    /// Return from the workflow right after calling it: the output of this run is discarded and the instance stays
    /// running. Activities and timers not awaited yet are dropped; events raised but not yet taken by a
    /// <see cref="WaitForExternalEventAsync{T}"/> are kept for the next run (Durable's <c>preserveUnprocessedEvents</c>,
    /// https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-eternal-orchestrations). The replay
    /// lineage of the instance is kept.
    /// </summary>
    /// <param name="input">The next run's input, of the type the workflow was started with; small ids only.</param>
    /// <exception cref="ArgumentException">When the input's JSON exceeds <see cref="WorkflowLimits.MaxPayloadChars"/>.</exception>
    void ContinueAsNew(object? input);

    /// <summary>Creates a logger that writes only when <see cref="IsReplaying"/> is false, so each line appears once.</summary>
    /// <param name="categoryName">The category, normally <c>nameof(TheWorkflow)</c>.</param>
    /// <returns>The logger.</returns>
    ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>Creates a GUID that is the same on every replay (derived from the instance id, the current time and a counter).</summary>
    /// <returns>The GUID.</returns>
    Guid NewGuid();
}
