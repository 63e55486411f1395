using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>HeldWorkRelease</c> (<see cref="HeldWorkReleaseJob"/>) on the <c>Schedules:HeldWorkRelease</c>
/// CRON: work still held by a resumed connection is started, through this invocation's Durable client, once and in order.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class HeldWorkReleaseTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<HeldWorkReleaseTimer> logger)
{
    [Function(nameof(HeldWorkReleaseTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:HeldWorkRelease%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<HeldWorkReleaseJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
