using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>WorkflowHistoryPurge</c> (<see cref="WorkflowHistoryPurgeJob"/>) on the
/// <c>Schedules:WorkflowHistoryPurge</c> CRON: completed instances older than <c>Retention:WorkflowHistory</c> are purged
/// from the task hub through this invocation's Durable client (<c>DurableTaskClient.PurgeInstanceAsync</c>).
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class WorkflowHistoryPurgeTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<WorkflowHistoryPurgeTimer> logger)
{
    [Function(nameof(WorkflowHistoryPurgeTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:WorkflowHistoryPurge%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<WorkflowHistoryPurgeJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
