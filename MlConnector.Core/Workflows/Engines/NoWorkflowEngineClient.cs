namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// The <see cref="IWorkflowClient"/> of a process that runs no workflow engine (a Core container built for a tool or a
/// test): every member throws and says so. Each host replaces it with its engine's client: the standalone host with the
/// Durable Task Framework's; the Functions app keeps one with its own message, because there the engine's client exists
/// only per invocation.
/// </summary>
/// <param name="reason">What the thrown exception says: where workflows are started instead. Default: a host.</param>
public sealed class NoWorkflowEngineClient(string? reason = null) : IWorkflowClient
{
    private readonly string _message = reason ?? "No workflow engine runs in this process: workflows are started and queried through a host (mlconnector serve, or the Azure Functions app).";

    /// <summary>What every member throws.</summary>
    public string Reason => _message;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowInstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<IReadOnlyList<WorkflowInstanceStatus>> ListAsync(WorkflowRuntimeStatus? status = null, string? connectionId = null, int maxResults = 1000, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowInstancePage> ListPageAsync(WorkflowRuntimeStatus? status, string? connectionId, string? continuationToken, int pageSize = WorkflowInstancePage.MaxPageSize, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowStartResult> ReplayAsync(string failedInstanceId, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<HeldWorkRelease> ReleaseHeldAsync(string connectionId, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowPurgeResult> PurgeCompletedAsync(DateTimeOffset createdBefore, int maxInstances, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(_message);
}
