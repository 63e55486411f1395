using Azure.Data.Tables;

namespace MlConnector.Core.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over the standalone runner's Table Storage: instance rows are inserted (never
/// upserted), so a start under an existing id is a 409 and reported as a duplicate, whatever the instance's state.
/// </summary>
public sealed class TableWorkflowClient : IWorkflowClient
{
    private const int MaxWriteRetries = 8;

    private readonly WorkflowStore _store;
    private readonly WorkflowRegistry _registry;
    private readonly WorkflowWorkSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _eventSequence;

    internal TableWorkflowClient(WorkflowStore store, WorkflowRegistry registry, WorkflowWorkSignal signal, TimeProvider timeProvider, ILogger<TableWorkflowClient> logger)
    {
        _store = store;
        _registry = registry;
        _signal = signal;
        _time = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        ArgumentNullException.ThrowIfNull(input);
        WorkflowInstanceId.Validate(instanceId);
        if (_registry.FindWorkflow(workflowName) is null)
        {
            throw new ArgumentException($"Workflow '{workflowName}' is not registered; add it with AddWorkflow<T>().", nameof(workflowName));
        }

        var inputJson = WorkflowJson.SerializeLimited(input, WorkflowLimits.MaxPayloadChars, "workflow input");
        var row = NewRow(workflowName, instanceId, inputJson);
        return await TryCreateAsync(row, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var payloadJson = WorkflowJson.SerializeLimited(payload, WorkflowLimits.MaxPayloadChars, "event payload");
        var row = await _store.GetInstanceAsync(instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"No workflow instance '{instanceId}' exists.");
        if (!row.Active)
        {
            _logger.WorkflowEventDiscarded(eventName, instanceId, row.RuntimeStatus);
            return;
        }

        var now = _time.GetUtcNow();
        var sequence = Interlocked.Increment(ref _eventSequence);
        await _store.AddEventAsync(
            new WorkflowEventRow
            {
                PartitionKey = row.PartitionKey,
                RowKey = string.Create(CultureInfo.InvariantCulture, $"{WorkflowEventRow.KeyPrefix}{now.UtcTicks:D19}-{sequence:D12}-{Guid.NewGuid():N}"),
                EventName = eventName,
                PayloadJson = payloadJson,
                RaisedUtc = now,
            },
            cancellationToken);

        // Wake the instance. Changing its ETag also makes a runner that is about to put it aside look at its inbox again.
        for (var attempt = 0; attempt < MaxWriteRetries && row is { Active: true }; attempt++)
        {
            row.NextWakeUtc = now;
            if (await _store.TryReplaceInstanceAsync(row, cancellationToken))
            {
                break;
            }

            row = await _store.GetInstanceAsync(instanceId, cancellationToken);
        }

        _logger.WorkflowEventRaised(eventName, instanceId);
        _signal.Notify();
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var row = await _store.GetInstanceAsync(instanceId, cancellationToken);
        return row?.ToStatus();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowInstanceStatus>> ListAsync(WorkflowRuntimeStatus? status = null, string? connectionId = null, int maxResults = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {WorkflowInstanceRow.Key}");
        if (status is { } s)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}");
        }

        if (connectionId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"ConnectionId eq {connectionId}");
        }

        var rows = await _store.QueryInstancesAsync(filter, maxResults, cancellationToken);
        return rows.Select(r => r.ToStatus()).ToList();
    }

    /// <inheritdoc />
    public async Task<WorkflowStartResult> ReplayAsync(string failedInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failedInstanceId);
        var failed = await _store.GetInstanceAsync(failedInstanceId, cancellationToken)
            ?? throw new InvalidOperationException($"No workflow instance '{failedInstanceId}' exists.");
        if (failed.RuntimeStatus != WorkflowRuntimeStatus.Failed)
        {
            throw new InvalidOperationException($"Instance '{failedInstanceId}' is {failed.RuntimeStatus}; only a Failed instance can be replayed.");
        }

        var root = failed.RootInstanceId ?? failed.InstanceId;
        var generation = failed.ReplayGeneration + 1;
        var replayId = failed.ReplayedBy ?? WorkflowInstanceId.ForReplay(root, generation);
        if (replayId.Length > WorkflowInstanceId.MaxLength)
        {
            throw new InvalidOperationException($"Instance '{failedInstanceId}' cannot be replayed again: the replay id would exceed {WorkflowInstanceId.MaxLength} characters.");
        }

        var row = NewRow(failed.Name, replayId, failed.InputJson);
        row.ReplayOf = failed.InstanceId;
        row.RootInstanceId = root;
        row.ReplayGeneration = generation;
        var result = await TryCreateAsync(row, cancellationToken);

        // Link the failed instance to its replay (idempotent: a second replay finds the link and the existing instance).
        for (var attempt = 0; attempt < MaxWriteRetries && failed is not null && failed.ReplayedBy is null; attempt++)
        {
            failed.ReplayedBy = replayId;
            failed.LastUpdatedUtc = _time.GetUtcNow();
            if (await _store.TryReplaceInstanceAsync(failed, cancellationToken))
            {
                break;
            }

            failed = await _store.GetInstanceAsync(failedInstanceId, cancellationToken);
        }

        if (!result.IsDuplicate)
        {
            _logger.WorkflowReplayed(failedInstanceId, replayId);
        }

        return result;
    }

    private WorkflowInstanceRow NewRow(string workflowName, string instanceId, string? inputJson)
    {
        var now = _time.GetUtcNow();
        return new WorkflowInstanceRow
        {
            PartitionKey = WorkflowStore.PartitionFor(instanceId),
            InstanceId = instanceId,
            Name = workflowName,
            ConnectionId = WorkflowInstanceId.GetConnectionId(instanceId),
            RuntimeStatus = WorkflowRuntimeStatus.Pending,
            InputJson = inputJson,
            CreatedUtc = now,
            LastUpdatedUtc = now,
            NextWakeUtc = now,
        };
    }

    private async Task<WorkflowStartResult> TryCreateAsync(WorkflowInstanceRow row, CancellationToken cancellationToken)
    {
        if (await _store.TryAddInstanceAsync(row, cancellationToken))
        {
            _logger.WorkflowStarted(row.Name, row.InstanceId);
            _signal.Notify();
            return new WorkflowStartResult(row.InstanceId, IsDuplicate: false, WorkflowRuntimeStatus.Pending);
        }

        var existing = await _store.GetInstanceAsync(row.InstanceId, cancellationToken);
        var status = existing?.RuntimeStatus ?? WorkflowRuntimeStatus.Pending;
        _logger.WorkflowDuplicateStart(row.InstanceId, status);
        return new WorkflowStartResult(row.InstanceId, IsDuplicate: true, status);
    }
}
