using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// The process-wide <see cref="IWorkflowClient"/> of the Functions app, in place of Core's Table Storage client:
/// in Azure, workflows run as Durable orchestrations, whose client exists only per invocation
/// (<c>[DurableClient]</c>). An instance started in the standalone runner's tables would never run, so every member
/// throws and names the way to do it (<see cref="DurableClientServices"/>).
/// </summary>
public sealed class UnboundWorkflowClient : IWorkflowClient
{
    private const string Message =
        "In the Functions app, workflows are started and queried through the invocation's Durable client: take a " +
        "[DurableClient] DurableTaskClient parameter and resolve the Core service with DurableClientServices.Resolve<T>(client).";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowInstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<IReadOnlyList<WorkflowInstanceStatus>> ListAsync(WorkflowRuntimeStatus? status = null, string? connectionId = null, int maxResults = 1000, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<WorkflowStartResult> ReplayAsync(string failedInstanceId, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);
}
