using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Workflows;

/// <summary>
/// How long finished workflow history is kept (section <c>Retention</c>, read by both hosts): the
/// <see cref="WorkflowHistoryPurgeJob"/> purges completed instances created longer ago than <see cref="WorkflowHistory"/>,
/// at most <see cref="MaxInstancesPerPass"/> a pass, on the <c>Schedules:WorkflowHistoryPurge</c> CRON.
/// </summary>
/// <remarks>
/// <para>Why purge at all: neither engine ever removes a finished instance (DurableTask.AzureStorage keeps its Instances row
/// and its History rows, about 10–50 per instance, until something purges them), so a merchant's task hub grows without bound.
/// Microsoft's Durable docs describe purging as the way to apply a retention policy: <c>DurableTaskClient.PurgeInstanceAsync</c>
/// "can be used to permanently delete orchestration metadata … This is often useful for implementing data retention policies
/// and for keeping storage costs low" (learn.microsoft.com, Microsoft.DurableTask.Client), and the Durable Task Scheduler's
/// autopurge page calls periodic purging of orchestration history "best practice" (docs "Set autopurge retention policies").</para>
/// <para>Why 7 days by default: no Microsoft page names a period, so the default is ours. It is longer than everything in the
/// product that looks at a completed instance (reconciliation looks back one day; the demo and the chaos harness read an
/// instance within minutes of its completion), and it leaves an operator a week to look at what a workflow did. What stops a
/// second vendor write after a purge is the idempotency ledger, not the instance (see <see cref="WorkflowHistoryPurgeJob"/>).</para>
/// </remarks>
public sealed class WorkflowRetentionOptions
{
    /// <summary>The configuration section: <c>Retention</c>.</summary>
    public const string SectionName = "Retention";

    /// <summary>
    /// How long a completed instance is kept after it was created (default 7 days, at least 1 minute). Failed, terminated,
    /// running and pending instances, and completed replays, are never purged.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan WorkflowHistory { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The most instances one pass purges (default 1,000): each costs a few storage requests (DurableTask.AzureStorage deletes
    /// an instance's History rows in batches of 100, then its Instances row), so a pass stays minutes long even on a backlog;
    /// the next pass goes on where this one stopped.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxInstancesPerPass { get; set; } = 1000;
}
