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
    public async Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default)
    {
        foreach (var connection in await connections.ListAsync(IntegrationKinds.ShipStationQbo, cancellationToken))
        {
            if (connection.Paused)
            {
                continue;
            }

            try
            {
                var store = connection.GetSetting("shipstation", "storeId");
                await reconciler.ReconcileAsync(connection.Id, store is null ? null : long.Parse(store, CultureInfo.InvariantCulture), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ShipStationWebhookLog.ReconcileFailed(logger, ex, connection.Id);
            }
        }
    }
}
