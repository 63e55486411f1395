using System.Runtime.CompilerServices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over Durable's <see cref="DurableTaskClient"/> (from a <c>[DurableClient]</c> binding).
/// Deduplication, the envelope, replays and failure kinds are <see cref="EngineWorkflowClient"/>'s, shared with the
/// standalone host; this class maps Durable's calls and statuses.
/// </summary>
/// <remarks>
/// Durable by default overwrites an instance that has completed, failed or been terminated when a new one starts
/// under its id (<c>overridableExistingInstanceStates</c> = <c>NonRunningStates</c>, Azure/azure-functions-durable-extension
/// <c>DurableTaskOptions</c>), so the base class checks for an existing instance first. A completed instance that
/// appears between the check and the start (milliseconds) can still be overwritten; activities are idempotent, so
/// that re-run creates nothing twice.
/// Durable's statuses map to <see cref="WorkflowRuntimeStatus"/> as: Pending → Pending; Running, Suspended → Running;
/// Completed → Completed; Failed, Terminated → Failed.
/// </remarks>
/// <param name="client">The Durable client of the current invocation.</param>
/// <param name="logger">The logger.</param>
/// <param name="pauseGate">Holds the work of paused connections (null in engine tests: nothing is held).</param>
/// <param name="admission">Limits the workflows running at once per connection (null in engine tests: every start is admitted).</param>
public sealed class DurableWorkflowClient(DurableTaskClient client, ILogger<DurableWorkflowClient> logger, ConnectionPauseGate? pauseGate = null, WorkflowAdmission? admission = null)
    : EngineWorkflowClient(logger, pauseGate, admission)
{
    internal static WorkflowRuntimeStatus ToWorkflowStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Failed,
        _ => WorkflowRuntimeStatus.Running,
    };

    /// <inheritdoc />
    protected override async Task<EngineInstance?> GetInstanceAsync(string instanceId, bool withData, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: withData, cancellationToken);
        return instance is null ? null : ToEngineInstance(instance);
    }

    /// <inheritdoc />
    protected override Task ScheduleAsync(string orchestratorName, string instanceId, WorkflowEnvelope envelope, CancellationToken cancellationToken)
        => client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, envelope, new StartOrchestrationOptions(instanceId), cancellationToken);

    /// <inheritdoc />
    protected override Task RaiseEventCoreAsync(string instanceId, string eventName, string? payloadJson, CancellationToken cancellationToken)
        => client.RaiseEventAsync(instanceId, eventName, WorkflowEngineJson.Parse(payloadJson), cancellationToken);

    /// <inheritdoc />
    protected override async Task<(IReadOnlyList<EngineInstance> Instances, string? ContinuationToken)> QueryPageAsync(WorkflowRuntimeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery(Statuses: status is { } s ? DurableStatusesFor(s) : null, PageSize: pageSize, FetchInputsAndOutputs: true, ContinuationToken: continuationToken);
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            var instances = new List<EngineInstance>(page.Values.Count);
            foreach (var listed in page.Values)
            {
                // A query answers without failure details (the Durable extension's gRPC QueryInstances leaves them out, as
                // the engine tests show), so a failed instance is read once more on its own to keep its ErrorKind.
                var instance = listed is { RuntimeStatus: OrchestrationRuntimeStatus.Failed, FailureDetails: null }
                    ? await client.GetInstanceAsync(listed.InstanceId, getInputsAndOutputs: true, cancellationToken) ?? listed
                    : listed;
                instances.Add(ToEngineInstance(instance));
            }

            return (instances, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> QueryCompletedAsync(DateTimeOffset createdBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Completed only: Terminated is this product's Failed (kept like every failure).
        await foreach (var instanceId in QueryIdsAsync(new OrchestrationQuery(CreatedTo: createdBefore, Statuses: [OrchestrationRuntimeStatus.Completed]), cancellationToken))
        {
            yield return instanceId;
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> QueryActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery(Statuses: [.. DurableStatusesFor(WorkflowRuntimeStatus.Pending), .. DurableStatusesFor(WorkflowRuntimeStatus.Running)], PageSize: WorkflowInstancePage.MaxPageSize);
        await foreach (var instanceId in QueryIdsAsync(query, cancellationToken))
        {
            yield return instanceId;
        }
    }

    /// <inheritdoc />
    /// <remarks>Durable's <c>PurgeResult</c> counts instances only, so no rows are reported.</remarks>
    protected override async Task<(int Instances, int Rows)> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        return (result.PurgedInstanceCount, 0);
    }

    /// <summary>The ids of every instance <paramref name="query"/> matches, without inputs or outputs, page after page.</summary>
    private async IAsyncEnumerable<string> QueryIdsAsync(OrchestrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var listed in client.GetAllInstancesAsync(query with { FetchInputsAndOutputs = false }).WithCancellation(cancellationToken))
        {
            yield return listed.InstanceId;
        }
    }

    private static OrchestrationRuntimeStatus[] DurableStatusesFor(WorkflowRuntimeStatus status) => status switch
    {
        WorkflowRuntimeStatus.Pending => [OrchestrationRuntimeStatus.Pending],
        WorkflowRuntimeStatus.Running => [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        WorkflowRuntimeStatus.Completed => [OrchestrationRuntimeStatus.Completed],
        _ => [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
    };

    private static EngineInstance ToEngineInstance(OrchestrationMetadata instance) => new(
        instance.Name,
        instance.InstanceId,
        ToWorkflowStatus(instance.RuntimeStatus),
        instance.RuntimeStatus.ToString(),
        instance.SerializedInput,
        instance.SerializedCustomStatus,
        instance.SerializedOutput,
        instance.FailureDetails?.ErrorType,
        instance.FailureDetails?.ErrorMessage,
        instance.CreatedAt,
        instance.LastUpdatedAt);
}
