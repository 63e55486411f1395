using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QbdInventoryReconcile</c> (<see cref="QbdInventoryReconcileJob"/>) on the <c>Schedules:QbdInventoryReconcile</c> CRON, the same setting the
/// standalone host's scheduler reads: an inventory reconciliation per qbd-shipstation connection. It starts orchestrations through this invocation's Durable client.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QbdInventoryReconcileTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<QbdInventoryReconcileTimer> logger)
{
    [Function(nameof(QbdInventoryReconcileTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:QbdInventoryReconcile%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<QbdInventoryReconcileJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
