using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Workflows;

/// <summary>
/// The safety net under resume and the pump of admission (<c>Schedules:HeldWorkRelease</c>, every 10 seconds by default): for
/// each connection that is not paused and still has held work or its holding row (resume found an instance still stopping,
/// work arrived while a release ran, a release stopped before dropping the holding row, or starts wait for the connection's
/// running limit, <see cref="WorkflowAdmission"/>), runs
/// <see cref="IWorkflowClient.ReleaseHeldAsync"/>. Releasing is idempotent, so a pass that overlaps a resume starts nothing twice.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="store">The held work.</param>
/// <param name="workflows">The workflow client.</param>
/// <param name="logger">The logger.</param>
public sealed class HeldWorkReleaseJob(IConnectionStore connections, HeldWorkStore store, IWorkflowClient workflows, ILogger<HeldWorkReleaseJob> logger) : IScheduledJob
{
    /// <summary>
    /// How many connections one pass releases at once: a connection held back by its running limit
    /// (<see cref="WorkflowAdmission"/>) is released on every pass, so one connection's release never waits for another's.
    /// </summary>
    public const int MaxConnectionsAtOnce = 4;

    /// <summary>The job's name and its schedule's configuration key (<c>Schedules:HeldWorkRelease</c>).</summary>
    public const string JobName = "HeldWorkRelease";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(
            connections,
            kind: null,
            async (connection, ct) =>
            {
                // The holding row, not the queue: it says holding whenever work is held, and also when a release stopped
                // between removing the last item and clearing it (which would otherwise hold the connection's new work until
                // the next resume). A point read; work an older version held without the row is found by IsHoldingAsync's
                // one query of a partition that has no row yet.
                if (await store.IsHoldingAsync(connection.Id, ct))
                {
                    await workflows.ReleaseHeldAsync(connection.Id, ct);
                }
            },
            (ex, connection) => logger.HeldWorkReleaseFailed(ex, connection.Id),
            maxConcurrency: MaxConnectionsAtOnce,
            cancellationToken: cancellationToken);
}
