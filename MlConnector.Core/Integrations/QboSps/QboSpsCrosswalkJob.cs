using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// The scheduled crosswalk check of every active <c>qbo-sps</c> connection (schedule <c>Schedules:QboSpsCrosswalkCheck</c>,
/// daily by default): runs <see cref="QboSpsCrosswalkCheck"/> per connection; one connection's failure is logged and the
/// others go on.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="check">The check.</param>
/// <param name="logger">The logger.</param>
public sealed class QboSpsCrosswalkJob(IConnectionStore connections, QboSpsCrosswalkCheck check, ILogger<QboSpsCrosswalkJob> logger) : IScheduledJob
{
    /// <summary>The schedule (and job) name.</summary>
    public const string JobName = "QboSpsCrosswalkCheck";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, IntegrationKinds.QboSps, (c, ct) => check.CheckAsync(c.Id, ct), (ex, c) => logger.SpsCrosswalkFailed(ex, Name, c.Id), cancellationToken: cancellationToken);
}
