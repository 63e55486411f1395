using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MlConnector.Core.Connections;

namespace MlConnector.Core.Hosting.Scheduling;

/// <summary>
/// Runs every registered <see cref="IScheduledJob"/> on the cron expression in <c>Schedules:{Name}</c> (UTC),
/// for the standalone host. Runs of one job never overlap: when a run overruns later occurrences, the latest
/// of them runs once, late. A failing run is logged and the schedule goes on.
/// </summary>
/// <param name="jobs">The registered jobs.</param>
/// <param name="configuration">Configuration holding the <c>Schedules</c> section.</param>
/// <param name="timeProvider">The clock; tests drive it with a fake.</param>
/// <param name="logger">The logger.</param>
public sealed class CronSchedulerService(
    IEnumerable<IScheduledJob> jobs,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<CronSchedulerService> logger) : BackgroundService
{
    /// <summary>The configuration section holding one cron expression per job name.</summary>
    public const string SectionName = "Schedules";

    private List<(IScheduledJob Job, CronExpression Cron, string Text)> _schedules = [];
    private DateTimeOffset _startedUtc;

    /// <summary>Reads and checks every job's schedule, then starts them.</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>A task that completes when the schedules are running.</returns>
    /// <exception cref="InvalidOperationException">When a job has no or an invalid cron expression; the message names the key.</exception>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _schedules = jobs.Select(job =>
        {
            var text = configuration[$"{SectionName}:{job.Name}"];
            return (job, Parse(job.Name, text), text!);
        }).ToList();
        _startedUtc = timeProvider.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_schedules.Select(s => RunScheduleAsync(s.Job, s.Cron, s.Text, stoppingToken)));

    private static CronExpression Parse(string jobName, string? value) =>
        ConnectionValidator.TryParseCron(value)
            ?? throw new InvalidOperationException($"Configuration key '{SectionName}:{jobName}' must hold a cron expression for job '{jobName}' (got '{value}').");

    private async Task RunScheduleAsync(IScheduledJob job, CronExpression cron, string cronText, CancellationToken stoppingToken)
    {
        logger.JobScheduled(job.Name, cronText);
        var previous = _startedUtc;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Occurrences follow from the previous one, not from "now", so a slow loop never skips one.
            // When a run overran several occurrences, only the latest of them runs (late), once.
            var now = timeProvider.GetUtcNow();
            var next = cron.GetNextOccurrence(previous, TimeZoneInfo.Utc);
            while (next is not null && cron.GetNextOccurrence(next.Value, TimeZoneInfo.Utc) is { } after && after <= now)
            {
                next = after;
            }

            if (next is null)
            {
                logger.JobHasNoNextOccurrence(job.Name);
                return;
            }

            previous = next.Value;
            try
            {
                await Task.Delay(next.Value > now ? next.Value - now : TimeSpan.Zero, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                logger.JobStarting(job.Name, next.Value);
                await job.RunAsync(next.Value, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.JobFailed(ex, job.Name, next.Value);
            }
        }
    }
}
