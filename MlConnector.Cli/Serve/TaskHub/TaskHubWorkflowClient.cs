using System.Runtime.CompilerServices;
using Azure.Data.Tables;
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
/// <para>
/// The existence and status checks of starts, events and releases (<c>withData: false</c>) are point reads of the
/// instance's row in the task hub's Instances table (partition = instance id, row key empty: DurableTask.AzureStorage
/// <c>AzureTableTrackingStore</c>), not the framework's <c>GetOrchestrationStateAsync</c>, which is a table query
/// (<c>FetchInstanceStatusInternalAsync</c>: <c>ExecuteQueryAsync</c> with a PartitionKey filter). On Azurite every
/// query scans the whole table (LokiTableMetadataStore <c>queryTableEntities</c>), so each start cost more the more
/// instances the hub held; a point read uses the emulator's index, and costs one entity read on Azure too.
/// </para>
/// </remarks>
/// <param name="service">The task hub's orchestration service, used as the client's back end and for queries.</param>
/// <param name="settings">The task hub's settings: its name and storage (for the Instances table's point reads).</param>
/// <param name="registry">The workflows this host runs; a start of any other name is refused.</param>
/// <param name="logger">The logger.</param>
/// <param name="pauseGate">Holds the work of paused connections (null in engine tests without connections: nothing is held).</param>
/// <param name="admission">Limits the workflows running at once per connection (null in engine tests: every start is admitted).</param>
internal sealed class TaskHubWorkflowClient(AzureStorageOrchestrationService service, AzureStorageOrchestrationServiceSettings settings, WorkflowRegistry registry, ILogger<TaskHubWorkflowClient> logger, ConnectionPauseGate? pauseGate = null, WorkflowAdmission? admission = null)
    : EngineWorkflowClient(logger, pauseGate, admission)
{
    private static readonly OrchestrationStatus[] AllStatuses = Enum.GetValues<OrchestrationStatus>();

    /// <summary>The Instances table's columns a status check reads (DurableTask.AzureStorage <c>OrchestrationInstanceStatus</c>).</summary>
    private static readonly string[] StatusColumns = ["Name", "ExecutionId", "RuntimeStatus", "CreatedTime", "LastUpdatedTime"];

    private readonly TaskHubClient _client = new(service, RawJsonDataConverter.Instance);

    private readonly Lazy<TableClient> _instances = new(() =>
    {
        var tables = settings.StorageAccountClientProvider!.Table;
        return tables.CreateClient(tables.CreateOptions()).GetTableClient(settings.TaskHubName + "Instances");
    });

    internal static WorkflowRuntimeStatus ToWorkflowStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationStatus.Failed or OrchestrationStatus.Canceled or OrchestrationStatus.Terminated => WorkflowRuntimeStatus.Failed,
        _ => WorkflowRuntimeStatus.Running,
    };

    /// <remarks>
    /// Without data the instance comes from a point read and carries its name, id, status and times only (no input,
    /// custom status, output or failure): what the existence and status checks use.
    /// </remarks>
    protected override async Task<EngineInstance?> GetInstanceAsync(string instanceId, bool withData, CancellationToken cancellationToken)
    {
        if (!withData && await ReadStatusRowAsync(instanceId, cancellationToken) is (true, var row))
        {
            return row is null ? null : ToEngineInstance(instanceId, row);
        }

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
        var storedExecutionId = await ReadStatusRowAsync(instanceId, cancellationToken) is (true, var row)
            ? row?.GetString("ExecutionId")
            : (await ReadStateAsync(instanceId, withData: false))?.OrchestrationInstance.ExecutionId;
        if (storedExecutionId is not null && !string.Equals(storedExecutionId, created.ExecutionId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A concurrent start of '{instanceId}' won.");
        }
    }

    protected override Task RaiseEventCoreAsync(string instanceId, string eventName, string? payloadJson, CancellationToken cancellationToken)
        => _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payloadJson!);

    /// <remarks>
    /// One page is one query of the Instances table (DurableTask.AzureStorage <c>GetOrchestrationStateAsync</c> with a
    /// <c>top</c> and the table's continuation token), which Azurite answers by scanning the whole table: pages of up to
    /// 1,000 (Azure Table's own limit per query) make a full listing cost one scan per 1,000 instances, where pages of 100
    /// cost ten.
    /// </remarks>
    protected override async Task<(IReadOnlyList<EngineInstance> Instances, string? ContinuationToken)> QueryPageAsync(WorkflowRuntimeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            RuntimeStatus = status is { } s ? AllStatuses.Where(x => ToWorkflowStatus(x) == s).ToArray() : null,
            FetchInput = true,
            FetchOutput = true,
        };
        var page = await service.GetOrchestrationStateAsync(condition, pageSize, continuationToken, cancellationToken);
        return ([.. page.OrchestrationState.Select(ToEngineInstance)], page.ContinuationToken);
    }

    /// <summary>
    /// Point-reads the instance's row of the Instances table (<see cref="StatusColumns"/> only): (true, the row or null
    /// when there is none). (false, null) when the id cannot be read this way: it holds <c>^</c>, which the framework
    /// escapes in its keys (<c>KeySanitation</c>; the other characters it escapes are refused by
    /// <see cref="WorkflowInstanceId.Validate"/>), or the row's status is not one the framework names; the caller then asks
    /// the framework.
    /// </summary>
    private async Task<(bool Readable, TableEntity? Row)> ReadStatusRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (instanceId.Contains('^', StringComparison.Ordinal))
        {
            return (false, null);
        }

        var found = await _instances.Value.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, StatusColumns, cancellationToken);
        if (!found.HasValue)
        {
            return (true, null);
        }

        return Enum.TryParse<OrchestrationStatus>(found.Value!.GetString("RuntimeStatus"), out _) ? (true, found.Value) : (false, null);
    }

    private static EngineInstance ToEngineInstance(string instanceId, TableEntity row)
    {
        var engineStatus = Enum.Parse<OrchestrationStatus>(row.GetString("RuntimeStatus"));
        return new EngineInstance(
            row.GetString("Name"),
            instanceId,
            ToWorkflowStatus(engineStatus),
            engineStatus.ToString(),
            SerializedInput: null,
            SerializedCustomStatus: null,
            SerializedOutput: null,
            FailureType: null,
            FailureMessage: null,
            row.GetDateTimeOffset("CreatedTime") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("LastUpdatedTime") ?? DateTimeOffset.MinValue);
    }

    /// <remarks>
    /// One query of the Instances table per 1,000 instances (ids and statuses only), which Azurite answers with a scan of the
    /// table; the framework's Running, ContinuedAsNew and Suspended are this product's Running.
    /// </remarks>
    protected override async IAsyncEnumerable<string> QueryActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            RuntimeStatus = AllStatuses.Where(x => ToWorkflowStatus(x) is WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Running).ToArray(),
            FetchInput = false,
            FetchOutput = false,
        };
        await foreach (var instanceId in QueryIdsAsync(condition, cancellationToken))
        {
            yield return instanceId;
        }
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
        await foreach (var instanceId in QueryIdsAsync(condition, cancellationToken))
        {
            yield return instanceId;
        }
    }

    /// <summary>The ids of the instances <paramref name="condition"/> matches, page after page of <see cref="WorkflowInstancePage.MaxPageSize"/>.</summary>
    private async IAsyncEnumerable<string> QueryIdsAsync(OrchestrationInstanceStatusQueryCondition condition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await service.GetOrchestrationStateAsync(condition, WorkflowInstancePage.MaxPageSize, continuation, cancellationToken);
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
