using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The <c>modifyDate</c> poll (<c>Schedules:QbdShipStationPoll</c>): one <see cref="QbdShipStationPoller"/> pass per active
/// <c>qbd-shipstation</c> connection; one that fails is logged and the others go on.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="poller">The poller.</param>
/// <param name="logger">The logger.</param>
public sealed class QbdShipStationPollJob(IConnectionStore connections, QbdShipStationPoller poller, ILogger<QbdShipStationPollJob> logger) : IScheduledJob
{
    /// <summary>The job's name and schedule key.</summary>
    public const string JobName = "QbdShipStationPoll";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, IntegrationKinds.QbdShipStation, (c, ct) => poller.PollAsync(c.Id, ct), (ex, c) => logger.QbdPollFailed(c.Id, ex), cancellationToken: cancellationToken);
}
