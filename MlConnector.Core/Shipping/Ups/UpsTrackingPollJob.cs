using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// The safety net under Track Alert: tracks every undelivered package of each connection of an integration that ships
/// (one with an <see cref="IUpsTrackingHandler"/>) with the UPS Tracking API (batched per account that shipped the package,
/// <see cref="UpsShipmentRecord.ShipperAccount"/>, all sharing the connection's budget)
/// and hands each status the shipment table does not show yet (a push that was missed or lapsed) to the package's
/// integration through the <see cref="UpsTrackingRouter"/>. Reports how many it found. Schedule:
/// <c>Schedules:QboUpsTrackingPoll</c> (<see cref="UpsShippingNames.TrackingPollJobName"/>).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="ups">The UPS client.</param>
/// <param name="router">Hands each status to its integration.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class UpsTrackingPollJob(
    IConnectionStore connections,
    UpsShipmentStore shipments,
    IUpsClient ups,
    UpsTrackingRouter router,
    IAuditTrail audit,
    ILogger<UpsTrackingPollJob> logger) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => UpsShippingNames.TrackingPollJobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, null, (c, ct) => PollAsync(c.Id, ct), (ex, c) => logger.JobFailed(ex, Name, c.Id), c => router.Handles(c.Kind), cancellationToken: cancellationToken);

    /// <summary>Polls one connection's undelivered packages.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How many new statuses were found (each started one update).</returns>
    public async Task<int> PollAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var rows = await shipments.ListUndeliveredAsync(connectionId, cancellationToken: cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var known = rows.ToDictionary(r => r.TrackingNumber, r => r.StatusText, StringComparer.Ordinal);
        var statuses = new List<UpsTrackingStatus>(rows.Count);
        foreach (var account in rows.GroupBy(r => r.ShipperAccount, r => r.TrackingNumber))
        {
            // Each package under the account that shipped it: its token, its x-merchant-id.
            statuses.AddRange(await ups.TrackAsync(connectionId, [.. account], account.Key, cancellationToken));
        }

        var changed = 0;
        var started = 0;
        foreach (var status in statuses.Where(s => s.Found))
        {
            if (known.TryGetValue(status.TrackingNumber, out var text) && text == UpsTrackingText.StatusText(status))
            {
                continue;
            }

            changed++;
            var start = await router.DispatchAsync(connectionId, status, UpsShippingNames.SourcePoll, cancellationToken);
            started += start is { IsDuplicate: false } ? 1 : 0;
        }

        await audit.WriteAsync(
            new AuditRecord(connectionId, "ups.tracking.poll", changed > 0 ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
            {
                Detail = $"Tracked {rows.Count} undelivered packages; found {changed} statuses not yet applied; started {started} updates.",
            },
            cancellationToken);
        logger.TrackingPolled(connectionId, rows.Count, changed, started);
        return started;
    }
}
