using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>ShipStationQboMappingPoll</c> (<see cref="ShipStationQboMappingPollJob"/>) on the
/// <c>Schedules:ShipStationQboMappingPoll</c> CRON, the same setting the standalone host's scheduler reads. The job
/// starts no workflow: it reads both systems, maps exact SKU matches and reports what is unmapped or broken.
/// </summary>
/// <param name="job">The job.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboMappingPollTimer(ShipStationQboMappingPollJob job, TimeProvider timeProvider, ILogger<ShipStationQboMappingPollTimer> logger)
{
    [Function(nameof(ShipStationQboMappingPollTimer))]
    public Task RunAsync([TimerTrigger("%Schedules:ShipStationQboMappingPoll%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(job, timer, timeProvider, logger, cancellationToken);
    }
}
