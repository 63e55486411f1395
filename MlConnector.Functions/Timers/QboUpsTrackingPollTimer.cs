using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QboUpsTrackingPoll</c> (<see cref="UpsTrackingPollJob"/>) on the
/// <c>Schedules:QboUpsTrackingPoll</c> CRON, the same setting the standalone host's scheduler reads. The job tracks every
/// undelivered package with the UPS Tracking API and starts the tracking orchestration, through this invocation's
/// Durable client, for each status a Track Alert push did not deliver; a status already started is a duplicate.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QboUpsTrackingPollTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<QboUpsTrackingPollTimer> logger)
{
    [Function(nameof(QboUpsTrackingPollTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:QboUpsTrackingPoll%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<UpsTrackingPollJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
