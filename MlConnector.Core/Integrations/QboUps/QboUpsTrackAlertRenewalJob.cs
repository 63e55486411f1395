using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>
/// Renews UPS Track Alert subscriptions before they lapse: a subscription lasts 14 days (UPSTrackAlert.yaml), so every
/// undelivered package whose subscription ends within <see cref="RenewWithin"/> (or that was never subscribed) is
/// subscribed again, in requests of at most 100 numbers, with the connection's cached token (no extra token requests).
/// Delivered packages are never renewed. Schedule: <c>Schedules:QboUpsTrackAlertRenewal</c> (daily is enough).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="subscriber">The subscriber.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class QboUpsTrackAlertRenewalJob(
    IConnectionStore connections,
    UpsShipmentStore shipments,
    TrackAlertSubscriber subscriber,
    TimeProvider time,
    ILogger<QboUpsTrackAlertRenewalJob> logger) : IScheduledJob
{
    /// <summary>Subscriptions ending within this window are renewed: three days, so a daily run renews each on day 11 or 12.</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(3);

    /// <inheritdoc />
    public string Name => QboUpsNames.RenewalJobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, IntegrationKinds.QboUps, (c, ct) => RenewAsync(c.Id, ct), (ex, c) => logger.JobFailed(ex, Name, c.Id), cancellationToken: cancellationToken);

    /// <summary>Renews one connection's due subscriptions.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was renewed.</returns>
    public async Task<TrackAlertResult> RenewAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var horizon = time.GetUtcNow() + RenewWithin;
        var due = (await shipments.ListUndeliveredAsync(connectionId, cancellationToken))
            .Where(r => r.SubscribedUntilUtc is null || r.SubscribedUntilUtc <= horizon)
            .Select(r => r.TrackingNumber)
            .ToList();
        var result = await subscriber.SubscribeAsync(connectionId, due, "ups.trackalert.renew", null, cancellationToken: cancellationToken);
        logger.RenewalDone(connectionId, due.Count, result.Accepted, result.Rejected);
        return result;
    }
}
