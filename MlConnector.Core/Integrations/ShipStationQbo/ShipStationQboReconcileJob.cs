using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The reconciliation timer (<c>Schedules:ShipStationQboReconcile</c>): one pass per active <c>shipstation-qbo</c>
/// connection. A connection that fails is logged and its watermark stays; the others go on.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="reconciler">The reconciler.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboReconcileJob(IConnectionStore connections, ShipStationQboReconciler reconciler, ILogger<ShipStationQboReconcileJob> logger) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => ShipStationQboNames.ReconcileJobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(
            connections,
            IntegrationKinds.ShipStationQbo,
            (c, ct) => reconciler.ReconcileAsync(c.Id, ShipStationQboNames.StoreIdOf(c), ct),
            (ex, c) => ShipStationWebhookLog.ReconcileFailed(logger, ex, c.Id),
            cancellationToken: cancellationToken);
}
