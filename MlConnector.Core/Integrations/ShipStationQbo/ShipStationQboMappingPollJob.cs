using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The mapping poll timer (<c>Schedules:ShipStationQboMappingPoll</c>): one poll per active <c>shipstation-qbo</c>
/// connection; a connection that fails is logged and the others go on.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="poller">The poller.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboMappingPollJob(IConnectionStore connections, ShipStationQboMappingPoller poller, ILogger<ShipStationQboMappingPollJob> logger) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => ShipStationQboNames.MappingPollJobName;

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
                await poller.PollAsync(connection.Id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ShipStationWebhookLog.MappingPollFailed(logger, ex, connection.Id);
            }
        }
    }
}
