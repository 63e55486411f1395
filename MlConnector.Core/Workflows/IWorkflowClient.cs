namespace MlConnector.Core.Workflows;

/// <summary>
/// Starts, signals, inspects and replays workflow instances. Each host adapts its engine's client
/// (<see cref="Engines.EngineWorkflowClient"/>): the standalone host the Durable Task Framework's <c>TaskHubClient</c>,
/// the Azure Functions host Durable's <c>DurableTaskClient</c>.
/// </summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts an instance under a deterministic id. An instance that already exists with that id, in any state
    /// (running, completed or failed), is reported as a duplicate and left alone; two concurrent starts of one id
    /// create exactly one instance.
    /// </summary>
    /// <param name="workflowName">The workflow's registered name (<c>nameof(TheWorkflow)</c>).</param>
    /// <param name="instanceId">The instance id, normally from <see cref="WorkflowInstanceId.For"/>.</param>
    /// <param name="input">The input (serialized to JSON, at most <see cref="WorkflowLimits.MaxPayloadChars"/> characters; no secrets).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, with <see cref="WorkflowStartResult.IsDuplicate"/> set for an existing instance.</returns>
    /// <exception cref="ArgumentException">When the name is not registered, the id is not valid or the input is too big.</exception>
    Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises an event to an instance. It is kept until the workflow waits for it (even when raised before the wait).
    /// Events raised to a completed or failed instance are discarded, as in Durable.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payload">The payload (JSON-serializable, at most <see cref="WorkflowLimits.MaxPayloadChars"/> characters; no secrets).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the event is stored.</returns>
    /// <exception cref="InvalidOperationException">When no instance has that id.</exception>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance's status, input, custom status, output and failure.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status, or null when no instance has that id.</returns>
    Task<WorkflowInstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Lists instances, optionally by status and connection.</summary>
    /// <param name="status">Only instances in this status; null for all.</param>
    /// <param name="connectionId">Only instances of this connection (the second part of a <see cref="WorkflowInstanceId"/>); null for all.</param>
    /// <param name="maxResults">The most instances returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances, unordered.</returns>
    Task<IReadOnlyList<WorkflowInstanceStatus>> ListAsync(WorkflowRuntimeStatus? status = null, string? connectionId = null, int maxResults = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists one page of instances, optionally by status and connection: one query of the engine's store per page (on the
    /// Azure Storage task hub one query of its Instances table, which Azurite answers with a scan of the whole table), so a
    /// caller that needs every instance follows <see cref="WorkflowInstancePage.ContinuationToken"/> with as few pages as
    /// the page size allows.
    /// </summary>
    /// <param name="status">Only instances in this status; null for all.</param>
    /// <param name="connectionId">Only instances of this connection; filtered after the engine's query, so a page may hold fewer than <paramref name="pageSize"/> (or none) while more pages follow.</param>
    /// <param name="continuationToken">Where to start: null for the first page, else the previous page's token.</param>
    /// <param name="pageSize">The most instances read from the engine for this page, 1 to <see cref="WorkflowInstancePage.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, with the token of the next page or null on the last.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="pageSize"/> is out of range.</exception>
    Task<WorkflowInstancePage> ListPageAsync(WorkflowRuntimeStatus? status, string? connectionId, string? continuationToken, int pageSize = WorkflowInstancePage.MaxPageSize, CancellationToken cancellationToken = default);

    /// <summary>Lists failed instances (the operator's "needs attention" list).</summary>
    /// <param name="connectionId">Only instances of this connection; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The failed instances.</returns>
    Task<IReadOnlyList<WorkflowInstanceStatus>> ListFailedAsync(string? connectionId = null, CancellationToken cancellationToken = default) =>
        ListAsync(WorkflowRuntimeStatus.Failed, connectionId, cancellationToken: cancellationToken);

    /// <summary>
    /// Replays a failed instance after its cause was fixed: starts a NEW instance <c>{root}:r{n}</c> (deterministic:
    /// the n-th replay of the original) of the same workflow with the ORIGINAL input, and links the two. Activities are
    /// idempotent, so steps that had succeeded do not create anything twice. Replaying the same failed instance
    /// again returns the existing replay as a duplicate.
    /// </summary>
    /// <param name="failedInstanceId">The failed instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new instance (or the existing replay, as a duplicate).</returns>
    /// <exception cref="InvalidOperationException">When the instance does not exist or has not failed.</exception>
    Task<WorkflowStartResult> ReplayAsync(string failedInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the work held while a connection was paused (<see cref="HeldWorkStore"/>), once and in arrival order: held starts
    /// are started with their original input, instances stopped before a target write are replayed (<c>{root}:r{n}</c>).
    /// Does nothing while the connection is still paused. Called on resume and by the <c>HeldWorkRelease</c> schedule.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the release; what was released stays released.</param>
    /// <returns>What was released.</returns>
    Task<HeldWorkRelease> ReleaseHeldAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Purges completed instances created before <paramref name="createdBefore"/> (the retention purge,
    /// <see cref="WorkflowHistoryPurgeJob"/>): deletes their state and history from the engine's store, at most
    /// <paramref name="maxInstances"/> per call. Never purges a pending, running, failed, terminated or canceled instance
    /// (a failed one stays on the operator's failure view until they act), nor a completed replay (<c>{root}:r{n}</c>),
    /// which the failed instance it replays still names as <see cref="WorkflowInstanceStatus.ReplayedBy"/>.
    /// </summary>
    /// <remarks>
    /// Once purged, the id is free: <see cref="StartAsync"/> with it starts the workflow again instead of reporting a
    /// duplicate, and <see cref="GetStatusAsync"/> answers null. A redelivered webhook or a re-listed record then runs its
    /// workflow again, and the activities' idempotency-ledger keys (not the instance) keep every vendor write to one.
    /// </remarks>
    /// <param name="createdBefore">Only instances created before this time (UTC) are purged.</param>
    /// <param name="maxInstances">The most instances purged by this call (at least 1).</param>
    /// <param name="cancellationToken">Cancels the purge; what was purged stays purged.</param>
    /// <returns>How many instances and rows were purged, how many were kept, and whether more are left.</returns>
    Task<WorkflowPurgeResult> PurgeCompletedAsync(DateTimeOffset createdBefore, int maxInstances, CancellationToken cancellationToken = default);
}
