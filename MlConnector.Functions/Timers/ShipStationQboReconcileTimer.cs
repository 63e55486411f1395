using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>ShipStationQboReconcile</c> (<see cref="ShipStationQboReconcileJob"/>) on the
/// <c>Schedules:ShipStationQboReconcile</c> CRON, the same setting the standalone host's scheduler reads. The job
/// finds what webhooks missed and starts the order and shipment orchestrations through this invocation's Durable
/// client; work already started is a duplicate.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboReconcileTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<ShipStationQboReconcileTimer> logger)
{
    [Function(nameof(ShipStationQboReconcileTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:ShipStationQboReconcile%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<ShipStationQboReconcileJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
