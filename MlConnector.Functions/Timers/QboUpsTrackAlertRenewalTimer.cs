using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QboUpsTrackAlertRenewal</c> (<see cref="UpsTrackAlertRenewalJob"/>) on the
/// <c>Schedules:QboUpsTrackAlertRenewal</c> CRON, the same setting the standalone host's scheduler reads. The job
/// starts no workflow: it re-subscribes undelivered packages whose 14-day Track Alert subscription is about to lapse.
/// </summary>
/// <param name="job">The job.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QboUpsTrackAlertRenewalTimer(UpsTrackAlertRenewalJob job, TimeProvider timeProvider, ILogger<QboUpsTrackAlertRenewalTimer> logger)
{
    [Function(nameof(QboUpsTrackAlertRenewalTimer))]
    public Task RunAsync([TimerTrigger("%Schedules:QboUpsTrackAlertRenewal%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(job, timer, timeProvider, logger, cancellationToken);
    }
}
