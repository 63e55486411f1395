using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over Durable's <see cref="DurableTaskClient"/> (from a <c>[DurableClient]</c> binding).
/// Instance ids are the caller's deterministic ids; the orchestrator is <see cref="DurableWorkflowNames.OrchestratorFor"/>.
/// </summary>
/// <remarks>
/// A deterministic id alone does not deduplicate: Durable by default overwrites an instance that has completed,
/// failed or been terminated when a new one starts under its id (<c>overridableExistingInstanceStates</c> =
/// <c>NonRunningStates</c>, Azure/azure-functions-durable-extension <c>DurableTaskOptions</c>). So any existing instance
/// is reported as a duplicate before scheduling, and a start that fails because a concurrent start won is reported
/// the same way. A completed instance that appears between the check and the start (milliseconds) can still be
/// overwritten; activities are idempotent, so that re-run creates nothing twice.
/// Durable's statuses map to <see cref="WorkflowRuntimeStatus"/> as: Pending → Pending; Running, Suspended → Running;
/// Completed → Completed; Failed, Terminated → Failed.
/// </remarks>
/// <param name="client">The Durable client of the current invocation.</param>
/// <param name="logger">The logger.</param>
public sealed partial class DurableWorkflowClient(DurableTaskClient client, ILogger<DurableWorkflowClient> logger) : IWorkflowClient
{
    /// <inheritdoc />
    public Task<WorkflowStartResult> StartAsync(string workflowName, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        WorkflowInstanceId.Validate(instanceId);
        var orchestrator = DurableWorkflowNames.OrchestratorFor(workflowName);
        var envelope = new DurableWorkflowInput(
            DurableWorkflowJson.ToElement(input, WorkflowLimits.MaxPayloadChars, "workflow input"), instanceId, ReplayGeneration: 0, ReplayOf: null);
        return StartOnceAsync(orchestrator, instanceId, envelope, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var element = DurableWorkflowJson.ToElement(payload, WorkflowLimits.MaxPayloadChars, "event payload");
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken)
            ?? throw new InvalidOperationException($"No workflow instance '{instanceId}' exists.");
        if (instance.IsCompleted)
        {
            logger.WorkflowEventDiscarded(eventName, instanceId, instance.RuntimeStatus);
            return;
        }

        await client.RaiseEventAsync(instanceId, eventName, element, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return instance is null ? null : ToStatus(instance);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowInstanceStatus>> ListAsync(WorkflowRuntimeStatus? status = null, string? connectionId = null, int maxResults = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var query = new OrchestrationQuery(
            Statuses: status is { } s ? DurableStatusesFor(s) : null,
            PageSize: Math.Min(maxResults, OrchestrationQuery.DefaultPageSize),
            FetchInputsAndOutputs: true);
        var found = new List<WorkflowInstanceStatus>();
        await foreach (var listed in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (connectionId is not null && !string.Equals(WorkflowInstanceId.GetConnectionId(listed.InstanceId), connectionId, StringComparison.Ordinal))
            {
                continue;
            }

            // A query answers without failure details (the Durable extension's gRPC QueryInstances leaves them out, as
            // the engine tests show), so a failed instance is read once more on its own to keep its ErrorKind.
            var instance = listed is { RuntimeStatus: OrchestrationRuntimeStatus.Failed, FailureDetails: null }
                ? await client.GetInstanceAsync(listed.InstanceId, getInputsAndOutputs: true, cancellationToken) ?? listed
                : listed;
            found.Add(ToStatus(instance));
            if (found.Count >= maxResults)
            {
                break;
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<WorkflowStartResult> ReplayAsync(string failedInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failedInstanceId);
        var failed = await client.GetInstanceAsync(failedInstanceId, getInputsAndOutputs: true, cancellationToken)
            ?? throw new InvalidOperationException($"No workflow instance '{failedInstanceId}' exists.");
        if (ToWorkflowStatus(failed.RuntimeStatus) != WorkflowRuntimeStatus.Failed)
        {
            throw new InvalidOperationException($"Instance '{failedInstanceId}' is {failed.RuntimeStatus}; only a failed instance can be replayed.");
        }

        var original = ReadEnvelope(failed)
            ?? throw new InvalidOperationException($"Instance '{failedInstanceId}' was not started through {nameof(DurableWorkflowClient)}; its input cannot be replayed.");
        var generation = original.ReplayGeneration + 1;
        var replayId = WorkflowInstanceId.ForReplay(original.RootInstanceId, generation);
        if (replayId.Length > WorkflowInstanceId.MaxLength)
        {
            throw new InvalidOperationException($"Instance '{failedInstanceId}' cannot be replayed again: the replay id would exceed {WorkflowInstanceId.MaxLength} characters.");
        }

        var result = await StartOnceAsync(failed.Name, replayId, original with { ReplayGeneration = generation, ReplayOf = failedInstanceId }, cancellationToken);
        if (!result.IsDuplicate)
        {
            logger.WorkflowReplayed(failedInstanceId, replayId);
        }

        return result;
    }

    internal static WorkflowRuntimeStatus ToWorkflowStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Failed,
        _ => WorkflowRuntimeStatus.Running,
    };

    private static OrchestrationRuntimeStatus[] DurableStatusesFor(WorkflowRuntimeStatus status) => status switch
    {
        WorkflowRuntimeStatus.Pending => [OrchestrationRuntimeStatus.Pending],
        WorkflowRuntimeStatus.Running => [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        WorkflowRuntimeStatus.Completed => [OrchestrationRuntimeStatus.Completed],
        _ => [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
    };

    private static DurableWorkflowInput? ReadEnvelope(OrchestrationMetadata instance)
        => instance.DataConverter is null || instance.SerializedInput is null ? null : instance.ReadInputAs<DurableWorkflowInput>();

    private static WorkflowInstanceStatus ToStatus(OrchestrationMetadata instance)
    {
        var envelope = ReadEnvelope(instance);
        var status = ToWorkflowStatus(instance.RuntimeStatus);
        return new WorkflowInstanceStatus(
            DurableWorkflowNames.WorkflowFor(instance.Name),
            instance.InstanceId,
            WorkflowInstanceId.GetConnectionId(instance.InstanceId),
            status,
            envelope?.Input?.GetRawText(),
            instance.SerializedCustomStatus,
            instance.SerializedOutput,
            status == WorkflowRuntimeStatus.Failed ? ToFailure(instance) : null,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            envelope?.ReplayOf,
            ReplayedBy: null);
    }

    /// <summary>
    /// Durable keeps a failure's exception type and message, not its <see cref="ErrorKind"/>. A workflow fails with
    /// <see cref="WorkflowActivityFailedException"/>, whose message carries the kind ("… attempt(s): Validation: …").
    /// </summary>
    private static WorkflowFailureDetails ToFailure(OrchestrationMetadata instance)
    {
        if (instance.FailureDetails is not { } details)
        {
            return new WorkflowFailureDetails(ErrorKind.Unknown, instance.RuntimeStatus.ToString(), $"The instance was {instance.RuntimeStatus.ToString().ToLowerInvariant()}.");
        }

        var kind = ErrorKind.Unknown;
        if (string.Equals(details.ErrorType, typeof(WorkflowActivityFailedException).FullName, StringComparison.Ordinal)
            && ActivityFailureKind().Match(details.ErrorMessage) is { Success: true } match)
        {
            kind = Enum.Parse<ErrorKind>(match.Groups["kind"].Value);
        }

        var message = details.ErrorMessage.Length > WorkflowLimits.MaxFailureMessageChars
            ? details.ErrorMessage[..WorkflowLimits.MaxFailureMessageChars]
            : details.ErrorMessage;
        return new WorkflowFailureDetails(kind, details.ErrorType, message);
    }

    private async Task<WorkflowStartResult> StartOnceAsync(string orchestrator, string instanceId, DurableWorkflowInput input, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            return Duplicate(existing);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A concurrent start of the same id won (the exception differs between Durable back ends): a duplicate.
            var winner = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return Duplicate(winner);
        }

        logger.WorkflowStarted(orchestrator, instanceId);
        return new WorkflowStartResult(instanceId, IsDuplicate: false, WorkflowRuntimeStatus.Pending);
    }

    private WorkflowStartResult Duplicate(OrchestrationMetadata existing)
    {
        logger.WorkflowDuplicateStart(existing.InstanceId, existing.RuntimeStatus);
        return new WorkflowStartResult(existing.InstanceId, IsDuplicate: true, ToWorkflowStatus(existing.RuntimeStatus));
    }

    [GeneratedRegex(@"failed after \d+ attempt\(s\): (?<kind>Unknown|NeedsReconsent|RateLimited|Transient|Validation|NotFound|Conflict|PartnerRejected): ", RegexOptions.CultureInvariant)]
    private static partial Regex ActivityFailureKind();
}
