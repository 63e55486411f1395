using System.Runtime.CompilerServices;
using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// <see cref="IWorkflowClient"/> over the Durable Task Framework's <see cref="TaskHubClient"/> and the Azure Storage
/// task hub: the standalone host's counterpart of the Functions app's <c>DurableWorkflowClient</c>. Deduplication,
/// replays and failure kinds are <see cref="EngineWorkflowClient"/>'s.
/// </summary>
/// <remarks>
/// Starts ask the task hub to refuse an id that exists in any state (<c>dedupeStatuses</c>), on top of the base class's
/// check. The framework's statuses map as: Pending → Pending; Running, ContinuedAsNew, Suspended → Running;
/// Completed → Completed; Failed, Canceled, Terminated → Failed. A failed instance's failure is its output
/// (<c>"{ErrorType}: {ErrorMessage}"</c>, written by DurableTask.AzureStorage when the worker propagates failure
/// details), read back by <see cref="EngineWorkflowClient.ReadFailure"/>.
/// </remarks>
/// <param name="service">The task hub's orchestration service, used as the client's back end and for queries.</param>
/// <param name="registry">The workflows this host runs; a start of any other name is refused.</param>
/// <param name="logger">The logger.</param>
/// <param name="pauseGate">Holds the work of paused connections (null in engine tests without connections: nothing is held).</param>
internal sealed class TaskHubWorkflowClient(AzureStorageOrchestrationService service, WorkflowRegistry registry, ILogger<TaskHubWorkflowClient> logger, ConnectionPauseGate? pauseGate = null)
    : EngineWorkflowClient(logger, pauseGate)
{
    private const int QueryPageSize = 100;

    private static readonly OrchestrationStatus[] AllStatuses = Enum.GetValues<OrchestrationStatus>();

    private readonly TaskHubClient _client = new(service, RawJsonDataConverter.Instance);

    internal static WorkflowRuntimeStatus ToWorkflowStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationStatus.Failed or OrchestrationStatus.Canceled or OrchestrationStatus.Terminated => WorkflowRuntimeStatus.Failed,
        _ => WorkflowRuntimeStatus.Running,
    };

    protected override async Task<EngineInstance?> GetInstanceAsync(string instanceId, bool withData, CancellationToken cancellationToken)
    {
        return await ReadStateAsync(instanceId, withData) is { } state ? ToEngineInstance(state) : null;
    }

    protected override void EnsureKnownWorkflow(string workflowName)
    {
        if (registry.FindWorkflow(workflowName) is null)
        {
            throw new ArgumentException($"No workflow named '{workflowName}' is registered on this host.", nameof(workflowName));
        }
    }

    /// <remarks>
    /// Two concurrent starts of one id can both pass the task hub's existence check; only one inserts the instance row
    /// (DurableTask.AzureStorage inserts it without an ETag), and the framework drops the other's start message. So the
    /// start that does not find its own execution id on the row lost, and is reported as a duplicate.
    /// </remarks>
    protected override async Task ScheduleAsync(string orchestratorName, string instanceId, WorkflowEnvelope envelope, CancellationToken cancellationToken)
    {
        var created = await _client.CreateOrchestrationInstanceAsync(
            orchestratorName,
            string.Empty,
            instanceId,
            WorkflowEngineJson.ToJson(envelope, int.MaxValue, "workflow envelope"),
            tags: null,
            dedupeStatuses: AllStatuses);
        var stored = await ReadStateAsync(instanceId, withData: false);
        if (stored is not null && !string.Equals(stored.OrchestrationInstance.ExecutionId, created.ExecutionId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A concurrent start of '{instanceId}' won.");
        }
    }

    protected override Task RaiseEventCoreAsync(string instanceId, string eventName, string? payloadJson, CancellationToken cancellationToken)
        => _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payloadJson!);

    protected override async IAsyncEnumerable<EngineInstance> QueryAsync(WorkflowRuntimeStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            RuntimeStatus = status is { } s ? AllStatuses.Where(x => ToWorkflowStatus(x) == s).ToArray() : null,
            FetchInput = true,
            FetchOutput = true,
        };
        string? continuation = null;
        do
        {
            var page = await service.GetOrchestrationStateAsync(condition, QueryPageSize, continuation, cancellationToken);
            foreach (var state in page.OrchestrationState)
            {
                yield return ToEngineInstance(state);
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    protected override async IAsyncEnumerable<string> QueryCompletedAsync(DateTimeOffset createdBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Completed only: the framework's Terminated and Canceled are this product's Failed (see the class remarks), kept
        // like every failure; ContinuedAsNew is still running.
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            RuntimeStatus = [OrchestrationStatus.Completed],
            CreatedTimeTo = createdBefore.UtcDateTime,
            FetchInput = false,
            FetchOutput = false,
        };
        string? continuation = null;
        do
        {
            var page = await service.GetOrchestrationStateAsync(condition, QueryPageSize, continuation, cancellationToken);
            foreach (var state in page.OrchestrationState)
            {
                yield return state.OrchestrationInstance.InstanceId;
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <remarks>
    /// DurableTask.AzureStorage deletes the instance's History rows (its <c>RowsDeleted</c>), its large-message blobs and its
    /// Instances row (<c>AzureTableTrackingStore.DeleteAllDataForOrchestrationInstance</c>).
    /// </remarks>
    protected override async Task<(int Instances, int Rows)> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var result = await service.PurgeInstanceHistoryAsync(instanceId);
        return (result.InstancesDeleted, result.RowsDeleted);
    }

    private async Task<OrchestrationState?> ReadStateAsync(string instanceId, bool withData) =>
        (await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: withData)).FirstOrDefault(s => s is not null);

    private static EngineInstance ToEngineInstance(OrchestrationState state)
    {
        var status = ToWorkflowStatus(state.OrchestrationStatus);
        string? failureType = null;
        string? failureMessage = null;
        if (status == WorkflowRuntimeStatus.Failed)
        {
            if (state.FailureDetails is { } details)
            {
                (failureType, failureMessage) = (details.ErrorType, details.ErrorMessage);
            }
            else if (state.Output is { } output)
            {
                var colon = output.IndexOf(": ", StringComparison.Ordinal);
                (failureType, failureMessage) = colon > 0 && !output[..colon].Contains(' ', StringComparison.Ordinal) ? (output[..colon], output[(colon + 2)..]) : (null, output);
            }
        }

        return new EngineInstance(
            state.Name,
            state.OrchestrationInstance.InstanceId,
            status,
            state.OrchestrationStatus.ToString(),
            state.Input,
            state.Status,
            status == WorkflowRuntimeStatus.Completed ? state.Output : null,
            failureType,
            failureMessage,
            new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)));
    }
}
