using Microsoft.Extensions.Options;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Workflows;

/// <summary>
/// The retention purge of finished workflows (<c>Schedules:WorkflowHistoryPurge</c>, every 10 minutes by default; both hosts):
/// each pass purges the completed instances created more than <see cref="WorkflowRetentionOptions.WorkflowHistory"/> ago, at
/// most <see cref="WorkflowRetentionOptions.MaxInstancesPerPass"/> of them (<see cref="IWorkflowClient.PurgeCompletedAsync"/>),
/// and logs how many instances and rows it removed. A backlog is worked off over several passes.
/// </summary>
/// <remarks>
/// <para>What is never purged: pending, running, failed, terminated and canceled instances (the operator's failure view and
/// its replays read them), and completed replays (the failed instance names its replay, so purging the replay would show the
/// failure as not replayed again).</para>
/// <para>What a purge changes: the instance id is free again. Every place that starts a workflow under a deterministic id
/// (webhook handlers, polls, reconciliation, the QBWC queue) then starts it again for a redelivered or re-listed record, and
/// the workflow's activities find their idempotency-ledger keys already succeeded, so no vendor write happens twice
/// (the ledger, not the instance, is what keeps writes to one; the ShipStation dispatcher checks the ledger before the
/// instance for the same reason). Reads of a purged instance answer "not found": the operator's <c>GET /api/workflows/{id}</c>
/// answers 404, a connection's health lists only the flows that completed within the retention, and
/// <c>GET /api/backfill/{connection}</c> shows the progress row with no runtime status.</para>
/// </remarks>
/// <param name="workflows">The workflow client of the host's engine.</param>
/// <param name="options">The retention.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class WorkflowHistoryPurgeJob(IWorkflowClient workflows, IOptions<WorkflowRetentionOptions> options, TimeProvider timeProvider, ILogger<WorkflowHistoryPurgeJob> logger) : IScheduledJob
{
    /// <summary>The job's name and its schedule's configuration key (<c>Schedules:WorkflowHistoryPurge</c>).</summary>
    public const string JobName = "WorkflowHistoryPurge";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public async Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default)
    {
        var retention = options.Value;
        var createdBefore = timeProvider.GetUtcNow() - retention.WorkflowHistory;
        var result = await workflows.PurgeCompletedAsync(createdBefore, retention.MaxInstancesPerPass, cancellationToken);
        logger.WorkflowHistoryPurged(result.Instances, result.Rows, result.Kept, createdBefore, result.More);
    }
}
