using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Functions.Timers;

/// <summary>What every timer function does with its Core job: log a past-due occurrence, run the job, log how long it took.</summary>
internal static class ScheduledJobTimer
{
    public static async Task RunAsync(IScheduledJob job, TimerInfo timer, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            logger.ScheduledJobPastDue(job.Name, timer.ScheduleStatus?.Last);
        }

        var started = timeProvider.GetUtcNow();
        await job.RunAsync(started, cancellationToken);
        var elapsed = timeProvider.GetUtcNow() - started;
        logger.ScheduledJobCompleted(job.Name, elapsed);
    }
}
