using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Alerts;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Timers;

/// <summary>
/// Runs Core's scheduled job <c>AlertEvaluation</c> (<see cref="AlertEvaluationJob"/>) on the <c>Schedules:AlertEvaluation</c>
/// CRON: each connection's alert rules, over this invocation's Durable client (open failures), each incident delivered once.
/// </summary>
/// <param name="services">Builds the job over this invocation's Durable client.</param>
/// <param name="timeProvider">The clock (the occurrence time handed to the job).</param>
/// <param name="logger">The logger.</param>
public sealed class AlertEvaluationTimer(DurableClientServices services, TimeProvider timeProvider, ILogger<AlertEvaluationTimer> logger)
{
    [Function(nameof(AlertEvaluationTimer))]
    public Task RunAsync(
        [TimerTrigger("%Schedules:AlertEvaluation%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ScheduledJobTimer.RunAsync(services.Resolve<AlertEvaluationJob>(durableClient), timer, timeProvider, logger, cancellationToken);
    }
}
