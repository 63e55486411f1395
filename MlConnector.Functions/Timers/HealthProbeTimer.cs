using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs the health checks on the <c>Schedules:HealthProbe</c> CRON and logs <c>HealthProbeUnhealthy</c> (EventId 9100)
/// when one fails, so an Application Insights alert on that event fires even when nothing calls
/// <c>/api/health</c>. Unlike the sync timers, it starts no orchestration: it moves no data.
/// </summary>
/// <param name="healthChecks">The health check service (Core registers the checks).</param>
/// <param name="logger">The logger.</param>
public sealed class HealthProbeTimer(HealthCheckService healthChecks, ILogger<HealthProbeTimer> logger)
{
    [Function(nameof(HealthProbeTimer))]
    public async Task RunAsync([TimerTrigger("%Schedules:HealthProbe%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            logger.HealthProbePastDue(timer.ScheduleStatus?.Last);
        }

        var report = await healthChecks.CheckHealthAsync(cancellationToken);
        if (report.Status == HealthStatus.Healthy)
        {
            logger.HealthProbeHealthy(report.Status);
            return;
        }

        var failing = string.Join(", ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}={e.Value.Status}"));
        logger.HealthProbeUnhealthy(report.Status, failing);
    }
}
