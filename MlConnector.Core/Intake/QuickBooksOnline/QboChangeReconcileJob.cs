using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>
/// The CDC reconciliation timer (<c>Schedules:QboChangeReconcile</c>): one pass per connection that is not paused, whose
/// kind has a registered <see cref="IQboChangeHandler"/>, and that has a QBO company (<c>qbo.realmId</c>). A connection that
/// fails is logged and its watermark stays; the others go on.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="dispatcher">The dispatcher (which kinds have handlers).</param>
/// <param name="reconciler">The reconciler.</param>
/// <param name="logger">The logger.</param>
public sealed class QboChangeReconcileJob(IConnectionStore connections, QboChangeDispatcher dispatcher, QboChangeReconciler reconciler, ILogger<QboChangeReconcileJob> logger) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => QboEventsNames.ReconcileJobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(
            connections,
            kind: null,
            (c, ct) => reconciler.ReconcileAsync(c, dispatcher.FindHandler(c.Kind)!, ct),
            (ex, c) => QboEventsLog.ReconcileFailed(logger, ex, c.Id),
            c => dispatcher.FindHandler(c.Kind) is not null && !string.IsNullOrWhiteSpace(c.GetSetting(QboEventsNames.System, "realmId")),
            cancellationToken: cancellationToken);
}
