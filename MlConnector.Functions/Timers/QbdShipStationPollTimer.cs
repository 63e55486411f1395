using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QbdShipStationPoll</c> (<see cref="QbdShipStationPollJob"/>) on the <c>Schedules:QbdShipStationPoll</c> CRON, the same setting the
/// standalone host's scheduler reads: the ShipStation modifyDate poll of every qbd-shipstation connection, the safety net under the webhooks. It starts orchestrations through this invocation's Durable client.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QbdShipStationPollTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<QbdShipStationPollTimer> logger)
{
    [Function(nameof(QbdShipStationPollTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:QbdShipStationPoll%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<QbdShipStationPollJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
