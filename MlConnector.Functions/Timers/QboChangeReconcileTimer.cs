using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QboChangeReconcile</c> (<see cref="QboChangeReconcileJob"/>) on the
/// <c>Schedules:QboChangeReconcile</c> CRON, the same setting the standalone host's scheduler reads. The job asks QBO's
/// Change Data Capture what the webhooks missed and dispatches it through the QBO change handlers, which start their
/// orchestrations through this invocation's Durable client; work already started is a duplicate.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QboChangeReconcileTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<QboChangeReconcileTimer> logger)
{
    [Function(nameof(QboChangeReconcileTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:QboChangeReconcile%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<QboChangeReconcileJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
