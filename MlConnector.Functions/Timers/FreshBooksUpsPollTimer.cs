using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>FreshBooksUpsPoll</c> (<see cref="FreshBooksUpsPollJob"/>) on the
/// <c>Schedules:FreshBooksUpsPoll</c> CRON (every 10 minutes by default), the same setting the standalone host's scheduler
/// reads. The job lists the invoices updated since the watermark and starts the shipment orchestration, through this
/// invocation's Durable client, for each flagged invoice the webhooks missed; one already started is a duplicate.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class FreshBooksUpsPollTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<FreshBooksUpsPollTimer> logger)
{
    [Function(nameof(FreshBooksUpsPollTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:FreshBooksUpsPoll%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<FreshBooksUpsPollJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
