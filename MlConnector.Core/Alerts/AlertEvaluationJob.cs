using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Alerts;

/// <summary>Runs <see cref="AlertEvaluator"/> on the <c>Schedules:AlertEvaluation</c> CRON (both hosts).</summary>
/// <param name="evaluator">The evaluator.</param>
public sealed class AlertEvaluationJob(AlertEvaluator evaluator) : IScheduledJob
{
    /// <summary>The job's name and its schedule's configuration key.</summary>
    public const string JobName = "AlertEvaluation";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) => evaluator.EvaluateAsync(cancellationToken);
}
