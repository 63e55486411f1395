using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Quantum View as a connection's alternative to Track Alert pushes (connection setting <c>ups.trackingSource</c> =
/// <c>quantumview</c>; default <c>trackalert</c>): reads the account's unread Quantum View events page by page
/// (<see cref="IUpsClient.GetQuantumViewEventsAsync"/>, optional subscription name <c>ups.quantumViewSubscription</c>) and
/// hands each status of one of the connection's packages to the package's integration through the
/// <see cref="UpsTrackingRouter"/>, exactly as a push would be: one workflow per package and status (a status read twice
/// starts nothing twice), and the write-back never sets a delivered package back (<see cref="UpsTrackingText.IsStale"/>).
/// Events of packages the connection does not know, and statuses its rows already show, are counted and skipped. UPS
/// counts read events as read, so an event lost to a crash between the read and the dispatch is found by the tracking
/// poll (<see cref="UpsTrackingPollJob"/>), which runs for every connection. Schedule: <c>Schedules:UpsQuantumViewPoll</c>.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="ups">The UPS client.</param>
/// <param name="router">Hands each status to its integration.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class UpsQuantumViewPollJob(
    IConnectionStore connections,
    UpsShipmentStore shipments,
    IUpsClient ups,
    UpsTrackingRouter router,
    IAuditTrail audit,
    ILogger<UpsQuantumViewPollJob> logger) : IScheduledJob
{
    /// <summary>The most pages read per connection and run (a bound on one run; the rest is read by the next).</summary>
    public const int MaxPagesPerRun = 20;

    /// <inheritdoc />
    public string Name => UpsShippingNames.QuantumViewPollJobName;

    /// <summary>Whether a connection tracks its packages by Quantum View (<c>ups.trackingSource</c> = <c>quantumview</c>).</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>True for Quantum View; false for Track Alert (the default).</returns>
    public static bool UsesQuantumView(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return string.Equals(connection.GetSetting("ups", UpsShippingNames.TrackingSourceSetting), UpsShippingNames.SourceQuantumView, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, null, (c, ct) => PollAsync(c, ct), (ex, c) => logger.JobFailed(ex, Name, c.Id), c => router.Handles(c.Kind) && UsesQuantumView(c), cancellationToken: cancellationToken);

    /// <summary>Reads one connection's unread Quantum View events and dispatches the new statuses.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How many updates were started.</returns>
    public async Task<int> PollAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var subscription = connection.GetSetting("ups", UpsShippingNames.QuantumViewSubscriptionSetting);
        string? bookmark = null;
        int events = 0, unknown = 0, known = 0, started = 0, pages = 0;
        do
        {
            var page = await ups.GetQuantumViewEventsAsync(connection.Id, subscription, bookmark, cancellationToken);
            pages++;
            bookmark = page.Bookmark;
            foreach (var status in page.Statuses)
            {
                events++;
                var row = await shipments.GetAsync(connection.Id, status.TrackingNumber, cancellationToken);
                if (row is null)
                {
                    unknown++;
                    continue;
                }

                if (row.StatusText == UpsTrackingText.StatusText(status) || UpsTrackingText.IsStale(row, status))
                {
                    known++;
                    continue;
                }

                var start = await router.DispatchAsync(connection.Id, status, UpsShippingNames.SourceQuantumView, cancellationToken);
                started += start is { IsDuplicate: false } ? 1 : 0;
            }
        }
        while (bookmark is not null && pages < MaxPagesPerRun);

        await audit.WriteAsync(
            new AuditRecord(connection.Id, "ups.quantumview.poll", started > 0 ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
            {
                Detail = $"Read {events} Quantum View events in {pages} pages; started {started} updates; {known} already applied or older; {unknown} for packages this connection did not ship"
                    + (bookmark is null ? "." : "; more remain for the next run."),
            },
            cancellationToken);
        logger.QuantumViewPolled(connection.Id, events, started);
        return started;
    }
}
