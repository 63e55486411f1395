using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Failures;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>ReconsentReplay</c> (<see cref="ReconsentReplayJob"/>) on the <c>Schedules:ReconsentReplay</c>
/// CRON: failures for consent recorded after the OAuth callback's replay pass are replayed, once, through this invocation's
/// Durable client.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class ReconsentReplayTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<ReconsentReplayTimer> logger)
{
    [Function(nameof(ReconsentReplayTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:ReconsentReplay%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<ReconsentReplayJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
