using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Failures;

/// <summary>
/// The operators' failure queue over <see cref="IWorkflowClient"/>, so it works on both engines: the open failures (failed
/// instances not yet replayed, not dismissed, and not merely stopped by a pause), each with what to fix and who fixes it;
/// bulk replay where each failure is replayed once however often it is asked; dismissal with a reason. Replays and
/// dismissals are audited with the operator's name.
/// </summary>
/// <param name="workflows">The workflow client of the host.</param>
/// <param name="dismissals">The dismissed failures.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock (dismissal times).</param>
public sealed class FailureTriage(IWorkflowClient workflows, FailureDismissalStore dismissals, IAuditTrail audit, TimeProvider timeProvider)
{
    /// <summary>The audit partition for instances whose id names no connection.</summary>
    public const string NoConnectionAuditPartition = "_operations";

    /// <summary>Lists the open failures, newest first.</summary>
    /// <param name="connectionId">Only this connection's; null for all.</param>
    /// <param name="kind">Only this <see cref="ErrorKind"/> name or <see cref="FailureOwner"/> value (case-insensitive); null for all.</param>
    /// <param name="since">Only failures at or after this time; null for all.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The failures.</returns>
    public async Task<IReadOnlyList<FailureRecord>> ListAsync(string? connectionId = null, string? kind = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var failed = await workflows.ListAsync(WorkflowRuntimeStatus.Failed, connectionId, cancellationToken: cancellationToken);
        var dismissed = await dismissals.ListAsync(connectionId, cancellationToken);
        return failed
            .Where(s => s.ReplayedBy is null && s.Failure?.Kind != ErrorKind.Paused && !dismissed.Contains(s.InstanceId))
            .Select(ToRecord)
            .Where(r => kind is null || string.Equals(r.ErrorKind, kind, StringComparison.OrdinalIgnoreCase) || string.Equals(r.WhoFixes, kind, StringComparison.OrdinalIgnoreCase))
            .Where(r => since is null || r.FailedAt >= since)
            .OrderByDescending(r => r.FailedAt)
            .ToList();
    }

    /// <summary>Replays failures, each once: a repeated id, or one replayed before, starts nothing.</summary>
    /// <param name="ids">The failed instance ids.</param>
    /// <param name="actor">Who asked (for the audit rows).</param>
    /// <param name="cancellationToken">Cancels the work; what was replayed stays replayed.</param>
    /// <returns>One result per distinct id, in the order asked.</returns>
    public async Task<IReadOnlyList<FailureReplayResult>> ReplayAsync(IEnumerable<string> ids, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var results = new List<FailureReplayResult>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var result = await ReplayOneAsync(id, cancellationToken);
            results.Add(result);
            await audit.WriteAsync(
                new AuditRecord(WorkflowInstanceId.GetConnectionId(id) ?? NoConnectionAuditPartition, "failure.replay", result.Outcome is FailureReplayOutcome.Replayed or FailureReplayOutcome.Held ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
                {
                    WorkflowInstanceId = id,
                    BusinessKey = BusinessKeyOf(id),
                    Detail = $"Replay asked by {actor}: {result.Outcome}{(result.ReplayInstanceId is null ? string.Empty : " as " + result.ReplayInstanceId)}{(result.Detail is null ? string.Empty : " (" + result.Detail + ")")}.",
                },
                cancellationToken);
        }

        return results;
    }

    /// <summary>Dismisses a failed instance with a reason; it leaves the queue.</summary>
    /// <param name="id">The failed instance id.</param>
    /// <param name="reason">Why (required).</param>
    /// <param name="actor">Who (for the audit row).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>False when no failed instance has that id.</returns>
    public async Task<bool> DismissAsync(string id, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var status = await workflows.GetStatusAsync(id, cancellationToken);
        if (status?.RuntimeStatus != WorkflowRuntimeStatus.Failed)
        {
            return false;
        }

        await dismissals.DismissAsync(status.ConnectionId, id, reason, actor, timeProvider.GetUtcNow(), cancellationToken);
        await audit.WriteAsync(
            new AuditRecord(status.ConnectionId ?? NoConnectionAuditPartition, "failure.dismiss", AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = id,
                BusinessKey = BusinessKeyOf(id),
                ErrorKind = status.Failure?.Kind,
                Detail = $"Dismissed by {actor}: {reason}",
            },
            cancellationToken);
        return true;
    }

    /// <summary>The failure as the operator API shows it.</summary>
    /// <param name="status">A failed instance.</param>
    /// <returns>The record.</returns>
    public static FailureRecord ToRecord(WorkflowInstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var failure = status.Failure ?? new WorkflowFailureDetails(ErrorKind.Unknown, "Failed", "The instance failed without details.");
        return new FailureRecord(
            status.InstanceId,
            status.ConnectionId,
            status.Name,
            BusinessKeyOf(status.InstanceId),
            status.LastUpdatedUtc,
            failure.Kind.ToString(),
            FailureAdvice.WhatToFix(failure),
            FailureAdvice.WhoFixes(failure.Kind),
            failure.Message);
    }

    /// <summary>The business key part of an instance id (<c>order:1001</c>), without a replay suffix.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The key, or null when the id has no such part.</returns>
    public static string? BusinessKeyOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var parts = instanceId.Split(WorkflowInstanceId.Separator, 3);
        if (parts.Length < 3)
        {
            return null;
        }

        return Uri.UnescapeDataString(WorkflowInstanceId.RootOf(parts[2]));
    }

    private async Task<FailureReplayResult> ReplayOneAsync(string id, CancellationToken cancellationToken)
    {
        var status = await workflows.GetStatusAsync(id, cancellationToken);
        if (status is null)
        {
            return new FailureReplayResult(id, null, FailureReplayOutcome.NotFound, "No workflow instance has this id.");
        }

        if (status.RuntimeStatus != WorkflowRuntimeStatus.Failed)
        {
            return new FailureReplayResult(id, null, FailureReplayOutcome.NotFailed, $"The instance is {status.RuntimeStatus}.");
        }

        if (status.ReplayedBy is { } existing)
        {
            return new FailureReplayResult(id, existing, FailureReplayOutcome.AlreadyReplayed);
        }

        try
        {
            var started = await workflows.ReplayAsync(id, cancellationToken);
            return started switch
            {
                { IsHeld: true } => new FailureReplayResult(id, null, FailureReplayOutcome.Held, "The connection is paused, or has work held ahead of the replay; it runs, in order, when that work is released."),
                { IsDuplicate: true } => new FailureReplayResult(id, started.InstanceId, FailureReplayOutcome.AlreadyReplayed),
                _ => new FailureReplayResult(id, started.InstanceId, FailureReplayOutcome.Replayed),
            };
        }
        catch (InvalidOperationException ex)
        {
            return new FailureReplayResult(id, null, FailureReplayOutcome.NotFailed, ex.Message);
        }
    }
}
