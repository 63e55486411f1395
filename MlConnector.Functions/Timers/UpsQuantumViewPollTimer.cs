using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>UpsQuantumViewPoll</c> (<see cref="UpsQuantumViewPollJob"/>) on the
/// <c>Schedules:UpsQuantumViewPoll</c> CRON, the same setting the standalone host's scheduler reads. The job reads the
/// unread Quantum View events of each connection that tracks by Quantum View and starts, through this invocation's
/// Durable client, the tracking orchestration of each new package status.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class UpsQuantumViewPollTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<UpsQuantumViewPollTimer> logger)
{
    [Function(nameof(UpsQuantumViewPollTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:UpsQuantumViewPoll%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<UpsQuantumViewPollJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
