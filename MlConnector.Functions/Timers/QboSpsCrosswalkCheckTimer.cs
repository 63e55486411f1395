using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QboSpsCrosswalkCheck</c> (<see cref="QboSpsCrosswalkJob"/>) on the
/// <c>Schedules:QboSpsCrosswalkCheck</c> CRON, the same setting the standalone host's scheduler reads: validates each
/// <c>qbo-sps</c> connection's crosswalk against QBO and reports unmapped items, vendors and customers.
/// </summary>
/// <param name="services">Builds the job for this invocation.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QboSpsCrosswalkCheckTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<QboSpsCrosswalkCheckTimer> logger)
{
    [Function(nameof(QboSpsCrosswalkCheckTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:QboSpsCrosswalkCheck%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<QboSpsCrosswalkJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
