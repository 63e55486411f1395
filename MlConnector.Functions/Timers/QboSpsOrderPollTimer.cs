using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>QboSpsOrderPoll</c> (<see cref="QboSpsOrderPollJob"/>) on the <c>Schedules:QboSpsOrderPoll</c>
/// CRON, the same setting the standalone host's scheduler reads: lists each <c>qbo-sps</c> connection's SPS documents and
/// starts one orchestration per document through this invocation's Durable client.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class QboSpsOrderPollTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<QboSpsOrderPollTimer> logger)
{
    [Function(nameof(QboSpsOrderPollTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:QboSpsOrderPoll%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<QboSpsOrderPollJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
