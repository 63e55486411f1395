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
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, IntegrationKinds.ShipStationQbo, (c, ct) => poller.PollAsync(c.Id, ct), (ex, c) => ShipStationWebhookLog.MappingPollFailed(logger, ex, c.Id), cancellationToken: cancellationToken);
}
