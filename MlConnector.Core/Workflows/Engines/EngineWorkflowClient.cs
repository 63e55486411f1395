using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// What both hosts' <see cref="IWorkflowClient"/> adapters share: deterministic ids that deduplicate in every state,
/// the <see cref="WorkflowEnvelope"/> with its replay lineage, events to finished instances discarded, the failure's
/// <see cref="ErrorKind"/> read back, and replays named <c>{root}:r{n}</c>. A subclass maps five calls onto its
/// engine's client (Durable Functions' <c>DurableTaskClient</c>, the Durable Task Framework's <c>TaskHubClient</c>).
/// </summary>
/// <remarks>
/// <para>
/// Neither engine deduplicates by id on its own in every state (Durable Functions overwrites a finished instance by
/// default; the Durable Task Framework only when asked to), so any existing instance is reported as a duplicate
/// before scheduling, and a start that fails because a concurrent start won is reported the same way.
/// </para>
/// <para>
/// A paused connection is enforced here for both engines: a start or replay of one of its instances (the connection is the
/// second part of the <see cref="WorkflowInstanceId"/>) is recorded in the <see cref="ConnectionPauseGate"/>'s
/// <see cref="HeldWorkStore"/> instead of being scheduled, and <see cref="ReleaseHeldAsync"/> schedules it after resume.
/// Without a gate (unit tests of an engine) nothing is held.
/// </para>
/// <para>
/// Admission per connection is enforced here too (<see cref="WorkflowAdmission"/>): a start of a connection that already has
/// <see cref="WorkflowAdmissionOptions.MaxActivePerConnection"/> instances pending or running is held the same way, and
/// <see cref="ReleaseHeldAsync"/> starts held work only while the connection is under the limit, leaving the rest held for
/// the next pass. Once anything is held, later starts of the connection queue behind it, so arrival order is kept.
/// Replays are not limited (an operator asked for them), but queue behind held work like any start.
/// </para>
/// </remarks>
/// <param name="logger">The logger.</param>
/// <param name="pauseGate">Holds the work of paused connections; null holds nothing.</param>
/// <param name="admission">Limits the instances running at once per connection (needs <paramref name="pauseGate"/> to hold); null admits every start.</param>
public abstract partial class EngineWorkflowClient(ILogger logger, ConnectionPauseGate? pauseGate = null, WorkflowAdmission? admission = null) : IWorkflowClient
{
    /// <inheritdoc />
    public async Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        WorkflowInstanceId.Validate(instanceId);
        EnsureKnownWorkflow(workflowName);
        var orchestrator = WorkflowOrchestratorNames.OrchestratorFor(workflowName);
        var envelope = new WorkflowEnvelope(
            WorkflowEngineJson.ToElement(input, WorkflowLimits.MaxPayloadChars, "workflow input"), instanceId, ReplayGeneration: 0, ReplayOf: null);
        if (pauseGate is null || WorkflowInstanceId.GetConnectionId(instanceId) is not { } connectionId)
        {
            return await StartOnceAsync(orchestrator, instanceId, envelope, cancellationToken);
        }

        var mustHold = await pauseGate.MustHoldAsync(connectionId, cancellationToken);
        if (!mustHold && !IsLimited)
        {
            return await StartOnceAsync(orchestrator, instanceId, envelope, cancellationToken);
        }

        // An instance that exists is a duplicate whether or not the connection holds, and takes no admission.
        if (await GetInstanceAsync(instanceId, withData: false, cancellationToken) is { } existing)
        {
            return Duplicate(existing);
        }

        if (!mustHold && await admission!.TryAdmitAsync(connectionId, CountActiveAsync, cancellationToken))
        {
            return await StartOnceAsync(orchestrator, instanceId, envelope, cancellationToken, existenceChecked: true);
        }

        var held = await pauseGate.Store.HoldAsync(connectionId, HeldWorkKind.Start, instanceId, orchestrator, WorkflowEngineJson.ToJson(envelope, int.MaxValue, "workflow envelope"), cancellationToken);
        if (mustHold)
        {
            logger.WorkflowHeld(instanceId, connectionId, held ? "held" : "already held");
        }
        else
        {
            logger.WorkflowAdmissionHeld(instanceId, connectionId, admission!.MaxActivePerConnection);
        }

        return new WorkflowStartResult(instanceId, IsDuplicate: !held, WorkflowRuntimeStatus.Pending, IsHeld: true);
    }

    /// <inheritdoc />
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var json = WorkflowEngineJson.ToJson(payload, WorkflowLimits.MaxPayloadChars, "event payload");
        var instance = await GetInstanceAsync(instanceId, withData: false, cancellationToken)
            ?? throw new InvalidOperationException($"No workflow instance '{instanceId}' exists.");
        if (instance.Status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed)
        {
            logger.WorkflowEventDiscarded(eventName, instanceId, instance.Status);
            return;
        }

        await RaiseEventCoreAsync(instanceId, eventName, json, cancellationToken);
        logger.WorkflowEventRaised(eventName, instanceId);
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var instance = await GetInstanceAsync(instanceId, withData: true, cancellationToken);
        return instance is null ? null : await ToStatusAsync(instance, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowInstanceStatus>> ListAsync(WorkflowRuntimeStatus? status = null, string? connectionId = null, int maxResults = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var found = new List<WorkflowInstanceStatus>();
        await foreach (var instance in QueryAsync(status, cancellationToken))
        {
            if (!IsOfConnection(instance, connectionId))
            {
                continue;
            }

            found.Add(await ToStatusAsync(instance, cancellationToken));
            if (found.Count >= maxResults)
            {
                break;
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<WorkflowInstancePage> ListPageAsync(WorkflowRuntimeStatus? status, string? connectionId, string? continuationToken, int pageSize = WorkflowInstancePage.MaxPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, WorkflowInstancePage.MaxPageSize);
        var (instances, next) = await QueryPageAsync(status, string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSize, cancellationToken);
        var found = new List<WorkflowInstanceStatus>();
        foreach (var instance in instances.Where(i => IsOfConnection(i, connectionId)))
        {
            found.Add(await ToStatusAsync(instance, cancellationToken));
        }

        return new WorkflowInstancePage(found, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <inheritdoc />
    public async Task<WorkflowStartResult> ReplayAsync(string failedInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failedInstanceId);
        if (pauseGate is not null && WorkflowInstanceId.GetConnectionId(failedInstanceId) is { } connectionId && await pauseGate.MustHoldAsync(connectionId, cancellationToken))
        {
            var failed = await GetInstanceAsync(failedInstanceId, withData: false, cancellationToken)
                ?? throw new InvalidOperationException($"No workflow instance '{failedInstanceId}' exists.");
            if (failed.Status != WorkflowRuntimeStatus.Failed)
            {
                throw new InvalidOperationException($"Instance '{failedInstanceId}' is {failed.EngineStatus}; only a failed instance can be replayed.");
            }

            var held = await pauseGate.Store.HoldAsync(connectionId, HeldWorkKind.Replay, failedInstanceId, null, null, cancellationToken);
            logger.WorkflowHeld(failedInstanceId, connectionId, held ? "replay held" : "replay already held");
            return new WorkflowStartResult(failedInstanceId, IsDuplicate: !held, WorkflowRuntimeStatus.Pending, IsHeld: true);
        }

        return await ReplayNowAsync(failedInstanceId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<HeldWorkRelease> ReleaseHeldAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        if (pauseGate is null)
        {
            return HeldWorkRelease.None;
        }

        if (await pauseGate.IsPausedAsync(connectionId, cancellationToken))
        {
            return HeldWorkRelease.None with { Remaining = await pauseGate.Store.AnyAsync(connectionId, cancellationToken) };
        }

        int started = 0, replayed = 0, dropped = 0;
        var marked = false;
        while (true)
        {
            var batch = await pauseGate.Store.ListAsync(connectionId, 100, cancellationToken);
            if (batch.Count == 0)
            {
                // Nothing left: drop the holding row, unless work was held since the list was read (then release it too).
                if (await pauseGate.Store.ClearHoldingAsync(connectionId, cancellationToken))
                {
                    break;
                }

                continue;
            }

            if (!marked)
            {
                // Work held by a version without the holding row: new work must queue behind it while it is released.
                await pauseGate.Store.MarkHoldingAsync(connectionId, cancellationToken);
                marked = true;
            }

            for (var i = 0; i < batch.Count;)
            {
                var work = batch[i];
                if (work.Kind == HeldWorkKind.Start)
                {
                    // The run of starts from here, as far as the connection's limit admits: started ReleaseConcurrency at a
                    // time (each start is a few storage round trips, so one at a time could not keep a connection at its limit).
                    var admitted = new List<HeldWork>();
                    var atLimit = false;
                    for (; i < batch.Count && batch[i].Kind == HeldWorkKind.Start; i++)
                    {
                        if (IsLimited && !await admission!.TryAdmitAsync(connectionId, CountActiveAsync, cancellationToken))
                        {
                            atLimit = true;
                            break;
                        }

                        admitted.Add(batch[i]);
                    }

                    await Parallel.ForEachAsync(
                        admitted,
                        new ParallelOptions { MaxDegreeOfParallelism = ReleaseConcurrency, CancellationToken = cancellationToken },
                        async (held, ct) =>
                        {
                            var envelope = WorkflowEngineJson.FromJson<WorkflowEnvelope>(held.EnvelopeJson)
                                ?? throw new InvalidOperationException($"Held start of '{held.InstanceId}' has no input.");
                            await StartOnceAsync(held.OrchestratorName!, held.InstanceId, envelope, ct);
                            await pauseGate.Store.RemoveAsync(held, ct);
                        });
                    started += admitted.Count;
                    if (atLimit)
                    {
                        // This and everything after it (order is kept) wait for the next pass.
                        logger.HeldWorkAtLimit(connectionId, started, admission!.MaxActivePerConnection);
                        return new HeldWorkRelease(started, replayed, dropped, Remaining: true);
                    }

                    continue;
                }

                var instance = await GetInstanceAsync(work.InstanceId, withData: false, cancellationToken);
                if (instance?.Status is WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending)
                {
                    // It has not finished failing yet: keep it (and everything after it, to keep order) for the next release.
                    logger.HeldWorkWaiting(connectionId, work.InstanceId);
                    return new HeldWorkRelease(started, replayed, dropped, Remaining: true);
                }

                if (instance?.Status == WorkflowRuntimeStatus.Failed)
                {
                    await ReplayNowAsync(work.InstanceId, cancellationToken);
                    replayed++;
                }
                else
                {
                    dropped++;
                }

                await pauseGate.Store.RemoveAsync(work, cancellationToken);
                i++;
            }
        }

        logger.HeldWorkReleased(connectionId, started, replayed, dropped);
        return new HeldWorkRelease(started, replayed, dropped, Remaining: false);
    }

    /// <inheritdoc />
    public async Task<WorkflowPurgeResult> PurgeCompletedAsync(DateTimeOffset createdBefore, int maxInstances, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstances, 1);

        // The ids are collected before any is purged, so no engine query pages over rows this call deletes.
        var purgeable = new List<string>();
        var kept = 0;
        var more = false;
        await foreach (var instanceId in QueryCompletedAsync(createdBefore, cancellationToken))
        {
            if (WorkflowInstanceId.IsReplay(instanceId))
            {
                kept++;
            }
            else if (purgeable.Count < maxInstances)
            {
                purgeable.Add(instanceId);
            }
            else
            {
                more = true;
                break;
            }
        }

        int instances = 0, rows = 0;
        foreach (var instanceId in purgeable)
        {
            var (purged, deleted) = await PurgeInstanceAsync(instanceId, cancellationToken);
            instances += purged;
            rows += deleted;
        }

        return new WorkflowPurgeResult(instances, rows, kept, more);
    }

    private async Task<WorkflowStartResult> ReplayNowAsync(string failedInstanceId, CancellationToken cancellationToken)
    {
        var failed = await GetInstanceAsync(failedInstanceId, withData: true, cancellationToken)
            ?? throw new InvalidOperationException($"No workflow instance '{failedInstanceId}' exists.");
        if (failed.Status != WorkflowRuntimeStatus.Failed)
        {
            throw new InvalidOperationException($"Instance '{failedInstanceId}' is {failed.EngineStatus}; only a failed instance can be replayed.");
        }

        var original = ReadEnvelope(failed)
            ?? throw new InvalidOperationException($"Instance '{failedInstanceId}' was not started through ml-connector's workflow client; its input cannot be replayed.");
        var generation = original.ReplayGeneration + 1;
        var replayId = WorkflowInstanceId.ForReplay(original.RootInstanceId, generation);
        if (replayId.Length > WorkflowInstanceId.MaxLength)
        {
            throw new InvalidOperationException($"Instance '{failedInstanceId}' cannot be replayed again: the replay id would exceed {WorkflowInstanceId.MaxLength} characters.");
        }

        var result = await StartOnceAsync(failed.OrchestratorName, replayId, original with { ReplayGeneration = generation, ReplayOf = failedInstanceId }, cancellationToken);
        if (!result.IsDuplicate)
        {
            logger.WorkflowReplayed(failedInstanceId, replayId);
        }

        return result;
    }

    /// <summary>
    /// Reads an engine failure back into Core's terms. A workflow fails with <see cref="WorkflowActivityFailedException"/>,
    /// whose message carries the kind ("… attempt(s): Validation: …"), or with <see cref="WorkflowFailedException"/> when
    /// its own code threw ("Workflow 'X' failed: Conflict: …"); the engines keep only the type and message.
    /// </summary>
    /// <param name="errorType">The failure's exception type name, if the engine kept one.</param>
    /// <param name="errorMessage">The failure's message, if the engine kept one.</param>
    /// <param name="engineStatus">The engine's status name, used when it kept no failure (a terminated instance).</param>
    /// <returns>The failure with its kind (<see cref="ErrorKind.Unknown"/> when the message does not say).</returns>
    public static WorkflowFailureDetails ReadFailure(string? errorType, string? errorMessage, string engineStatus)
    {
        if (errorMessage is null)
        {
            return new WorkflowFailureDetails(ErrorKind.Unknown, errorType ?? engineStatus, $"The instance was {engineStatus.ToLowerInvariant()}.");
        }

        var kind = ErrorKind.Unknown;
        if (errorType is not null
            && (string.Equals(errorType, typeof(WorkflowActivityFailedException).FullName, StringComparison.Ordinal)
                || string.Equals(errorType, typeof(WorkflowActivityFailedException).Name, StringComparison.Ordinal))
            && ActivityFailureKind().Match(errorMessage) is { Success: true } match)
        {
            kind = Enum.Parse<ErrorKind>(match.Groups["kind"].Value);
        }
        else if (errorType is not null
            && (string.Equals(errorType, typeof(WorkflowFailedException).FullName, StringComparison.Ordinal)
                || string.Equals(errorType, typeof(WorkflowFailedException).Name, StringComparison.Ordinal))
            && WorkflowFailureKind().Match(errorMessage) is { Success: true } own)
        {
            kind = Enum.Parse<ErrorKind>(own.Groups["kind"].Value);
        }

        var message = errorMessage.Length > WorkflowLimits.MaxFailureMessageChars ? errorMessage[..WorkflowLimits.MaxFailureMessageChars] : errorMessage;
        return new WorkflowFailureDetails(kind, errorType ?? engineStatus, message);
    }

    /// <summary>Refuses a workflow name no orchestrator runs, where the client can know (default: accepts every name).</summary>
    /// <param name="workflowName">The workflow's name.</param>
    /// <exception cref="ArgumentException">When no workflow is registered under the name.</exception>
    protected virtual void EnsureKnownWorkflow(string workflowName)
    {
    }

    /// <summary>Reads one instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="withData">True to read its input, output and custom status too.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance, or null when none has that id.</returns>
    protected abstract Task<EngineInstance?> GetInstanceAsync(string instanceId, bool withData, CancellationToken cancellationToken);

    /// <summary>Schedules a new instance. Throws when an instance with that id exists (the caller then reports the winner as a duplicate).</summary>
    /// <param name="orchestratorName">The orchestrator.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="envelope">The input.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the start is stored.</returns>
    protected abstract Task ScheduleAsync(string orchestratorName, string instanceId, WorkflowEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Raises an event to a running instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payloadJson">The payload as web-defaults JSON, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the event is stored.</returns>
    protected abstract Task RaiseEventCoreAsync(string instanceId, string eventName, string? payloadJson, CancellationToken cancellationToken);

    /// <summary>Lists one page of instances with their data, optionally in one status: one query of the engine's store.</summary>
    /// <param name="status">The status, or null for all.</param>
    /// <param name="continuationToken">The engine's token of the page, or null for the first.</param>
    /// <param name="pageSize">The most instances of the page (1 to <see cref="WorkflowInstancePage.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page's instances and the engine's token of the next page (null or empty on the last).</returns>
    protected abstract Task<(IReadOnlyList<EngineInstance> Instances, string? ContinuationToken)> QueryPageAsync(WorkflowRuntimeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Lists the ids of completed instances created before a time (no data), in the engine's order.</summary>
    /// <param name="createdBefore">Only instances created before this time.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The instance ids.</returns>
    protected abstract IAsyncEnumerable<string> QueryCompletedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the ids of every pending and running instance (no data), page after page: what <see cref="WorkflowAdmission"/>
    /// counts per connection. The engine's Running includes its suspended and continued-as-new instances.
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The instance ids.</returns>
    protected abstract IAsyncEnumerable<string> QueryActiveAsync(CancellationToken cancellationToken);

    /// <summary>Deletes one instance's state and history from the engine's store.</summary>
    /// <param name="instanceId">A completed instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Instances deleted (0 or 1) and the rows deleted with it (0 where the engine does not report them).</returns>
    protected abstract Task<(int Instances, int Rows)> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    private static WorkflowEnvelope? ReadEnvelope(EngineInstance instance)
    {
        if (instance.SerializedInput is null)
        {
            return null;
        }

        try
        {
            return WorkflowEngineJson.FromJson<WorkflowEnvelope>(instance.SerializedInput);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Lists instances with their data, optionally in one status, page after page of <see cref="WorkflowInstancePage.MaxPageSize"/>.</summary>
    private async IAsyncEnumerable<EngineInstance> QueryAsync(WorkflowRuntimeStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var (instances, next) = await QueryPageAsync(status, continuation, WorkflowInstancePage.MaxPageSize, cancellationToken);
            foreach (var instance in instances)
            {
                yield return instance;
            }

            continuation = next;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <summary>Whether <paramref name="instance"/> belongs to <paramref name="connectionId"/> (any connection when null): the listings filter by connection after the engine's query.</summary>
    private static bool IsOfConnection(EngineInstance instance, string? connectionId) =>
        connectionId is null || string.Equals(WorkflowInstanceId.GetConnectionId(instance.InstanceId), connectionId, StringComparison.Ordinal);

    private async Task<WorkflowInstanceStatus> ToStatusAsync(EngineInstance instance, CancellationToken cancellationToken)
    {
        var envelope = ReadEnvelope(instance);
        string? replayedBy = null;
        if (instance.Status == WorkflowRuntimeStatus.Failed && envelope is not null)
        {
            // A replay is named after its lineage, so the instance that replays this one is found by id.
            var next = WorkflowInstanceId.ForReplay(envelope.RootInstanceId, envelope.ReplayGeneration + 1);
            replayedBy = next.Length <= WorkflowInstanceId.MaxLength && await GetInstanceAsync(next, withData: false, cancellationToken) is not null ? next : null;
        }

        return new WorkflowInstanceStatus(
            WorkflowOrchestratorNames.WorkflowFor(instance.OrchestratorName),
            instance.InstanceId,
            WorkflowInstanceId.GetConnectionId(instance.InstanceId),
            instance.Status,
            envelope?.Input?.GetRawText(),
            instance.SerializedCustomStatus,
            instance.SerializedOutput,
            instance.Status == WorkflowRuntimeStatus.Failed ? ReadFailure(instance.FailureType, instance.FailureMessage, instance.EngineStatus) : null,
            instance.CreatedUtc,
            instance.LastUpdatedUtc,
            envelope?.ReplayOf,
            replayedBy);
    }

    /// <summary>How many held starts one release schedules at once.</summary>
    private const int ReleaseConcurrency = 16;

    /// <summary>Whether starts are limited per connection (<see cref="WorkflowAdmission"/>; held work needs the pause gate's store).</summary>
    private bool IsLimited => pauseGate is not null && admission is { MaxActivePerConnection: > 0 };

    /// <summary>Counts every pending and running instance by connection: one listing of the engine's (ids only) for <see cref="WorkflowAdmission"/>.</summary>
    private async Task<IReadOnlyDictionary<string, int>> CountActiveAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var instanceId in QueryActiveAsync(cancellationToken))
        {
            if (WorkflowInstanceId.GetConnectionId(instanceId) is { } connectionId)
            {
                counts[connectionId] = counts.GetValueOrDefault(connectionId) + 1;
            }
        }

        return counts;
    }

    private async Task<WorkflowStartResult> StartOnceAsync(string orchestrator, string instanceId, WorkflowEnvelope envelope, CancellationToken cancellationToken, bool existenceChecked = false)
    {
        var existing = existenceChecked ? null : await GetInstanceAsync(instanceId, withData: false, cancellationToken);
        if (existing is not null)
        {
            return Duplicate(existing);
        }

        try
        {
            await ScheduleAsync(orchestrator, instanceId, envelope, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A concurrent start of the same id won (the exception differs between engines and back ends): a duplicate.
            var winner = await GetInstanceAsync(instanceId, withData: false, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return Duplicate(winner);
        }

        logger.WorkflowStarted(orchestrator, instanceId);
        return new WorkflowStartResult(instanceId, IsDuplicate: false, WorkflowRuntimeStatus.Pending);
    }

    private WorkflowStartResult Duplicate(EngineInstance existing)
    {
        logger.WorkflowDuplicateStart(existing.InstanceId, existing.Status);
        return new WorkflowStartResult(existing.InstanceId, IsDuplicate: true, existing.Status);
    }

    [GeneratedRegex(@"failed after \d+ attempt\(s\): (?<kind>Unknown|NeedsReconsent|RateLimited|Transient|Validation|NotFound|Conflict|PartnerRejected|Paused): ", RegexOptions.CultureInvariant)]
    private static partial Regex ActivityFailureKind();

    [GeneratedRegex(@"^Workflow '[^']*' failed: (?<kind>Unknown|NeedsReconsent|RateLimited|Transient|Validation|NotFound|Conflict|PartnerRejected|Paused): ", RegexOptions.CultureInvariant)]
    private static partial Regex WorkflowFailureKind();
}
