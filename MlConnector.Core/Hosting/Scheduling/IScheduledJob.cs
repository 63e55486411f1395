namespace MlConnector.Core.Hosting.Scheduling;

/// <summary>
/// Work that runs on a cron schedule: a reconciliation poll, a Track Alert renewal, a product poll. A job only
/// finds work and starts workflows; it does not sync inline. The standalone host runs it from
/// <see cref="CronSchedulerService"/>; the Functions host from a timer trigger whose CRON is the same app setting
/// (<c>%Schedules:{Name}%</c>).
/// </summary>
public interface IScheduledJob
{
    /// <summary>The job name; its cron expression is read from configuration key <c>Schedules:{Name}</c>.</summary>
    string Name { get; }

    /// <summary>Runs the job once.</summary>
    /// <param name="scheduledTimeUtc">The occurrence being run, UTC.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>A task that completes when the job has started what it found.</returns>
    Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default);
}
