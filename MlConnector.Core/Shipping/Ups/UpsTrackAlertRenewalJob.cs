using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Renews UPS Track Alert subscriptions before they lapse: a subscription lasts 14 days (UPSTrackAlert.yaml), so every
/// undelivered package whose subscription ends within <see cref="RenewWithin"/> (or that was never subscribed) is
/// subscribed again, in requests of at most 100 numbers, under the account that shipped it
/// (<see cref="UpsShipmentRecord.ShipperAccount"/>), with that account's cached token (no extra token requests).
/// Delivered packages are never renewed. Every connection of an integration that ships (one with an
/// <see cref="IUpsTrackingHandler"/>) is swept, whichever integration made its shipments. Schedule:
/// <c>Schedules:QboUpsTrackAlertRenewal</c> (<see cref="UpsShippingNames.RenewalJobName"/>; daily is enough).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="subscriber">The subscriber.</param>
/// <param name="router">Which integration kinds ship with UPS.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class UpsTrackAlertRenewalJob(
    IConnectionStore connections,
    UpsShipmentStore shipments,
    TrackAlertSubscriber subscriber,
    UpsTrackingRouter router,
    TimeProvider time,
    ILogger<UpsTrackAlertRenewalJob> logger) : IScheduledJob
{
    /// <summary>Subscriptions ending within this window are renewed: three days, so a daily run renews each on day 11 or 12.</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(3);

    /// <inheritdoc />
    public string Name => UpsShippingNames.RenewalJobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, null, (c, ct) => RenewAsync(c.Id, ct), (ex, c) => logger.JobFailed(ex, Name, c.Id), c => router.Handles(c.Kind), cancellationToken: cancellationToken);

    /// <summary>Renews one connection's due subscriptions.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was renewed.</returns>
    public async Task<TrackAlertResult> RenewAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var horizon = time.GetUtcNow() + RenewWithin;
        var due = (await shipments.ListUndeliveredAsync(connectionId, cancellationToken))
            .Where(r => r.SubscribedUntilUtc is null || r.SubscribedUntilUtc <= horizon)
            .ToList();
        var result = await subscriber.SubscribeAsync(connectionId, due, "ups.trackalert.renew", null, cancellationToken: cancellationToken);
        logger.RenewalDone(connectionId, due.Count, result.Accepted, result.Rejected);
        return result;
    }
}
