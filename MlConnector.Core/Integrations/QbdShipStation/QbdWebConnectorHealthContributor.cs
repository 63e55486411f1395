using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Health;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The QuickBooks Web Connector section (<c>webConnector</c>) of a <c>qbd-shipstation</c> connection's health document
/// (<c>GET /api/connections/{id}/health</c>): when QBWC last called, whether it is silent, and the last reason it gave for
/// not reaching QuickBooks. A silent Web Connector (no <c>authenticate</c> for
/// <see cref="QuickBooksWebConnectorOptions.SilenceFactor"/> × the connection's <c>RunEveryNMinutes</c>) fires the alert
/// <see cref="SilentRule"/>: the platform's alert evaluator delivers it once per silence and closes it when QBWC calls again.
/// QuickBooks Desktop is pulled, not pushed, so a stopped Web Connector (the PC is off, QBWC closed or uninstalled, the
/// password changed) is otherwise invisible: nothing fails, nothing syncs.
/// </summary>
/// <param name="presence">The Web Connector presence (last <c>authenticate</c>, last <c>connectionError</c>).</param>
/// <param name="options">The Web Connector options (<see cref="QuickBooksWebConnectorOptions.SilenceFactor"/>).</param>
/// <param name="timeProvider">The clock.</param>
public sealed class QbdWebConnectorHealthContributor(QuickBooksWebConnectorPresence presence, IOptions<QuickBooksWebConnectorOptions> options, TimeProvider timeProvider) : IConnectionHealthContributor
{
    /// <summary>The section name in the health document.</summary>
    public const string SectionName = "webConnector";

    /// <summary>The alert rule of a silent Web Connector.</summary>
    public const string SilentRule = "qbwc-silent";

    /// <inheritdoc />
    public async Task<ConnectionHealthNote?> ReadAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Kind != IntegrationKinds.QbdShipStation)
        {
            return null;
        }

        var health = await ReadStateAsync(connection, cancellationToken);
        var text = health.Silent
            ? $"The QuickBooks Web Connector has not called for {SilentFor(health)} (it runs every {QuickBooksWebConnectorSilence.Interval(connection).TotalMinutes:0} min); nothing reaches QuickBooks Desktop. Ask the merchant to check that the PC is on, the Web Connector is running with this application's Auto-Run checked, and the password in it is current."
            : null;
        return new ConnectionHealthNote(SectionName, health.Silent || health.QuickBooksProblem is not null, health, health.Silent ? SilentRule : null, text);
    }

    /// <summary>Reads a connection's Web Connector state.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    public async Task<QbdWebConnectorHealth> ReadStateAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var factor = options.Value.SilenceFactor;
        var status = await presence.GetAsync(connection.Id, cancellationToken);
        var silent = QuickBooksWebConnectorSilence.IsSilent(connection, status, timeProvider.GetUtcNow(), factor);
        return new QbdWebConnectorHealth(status.LastSeenUtc, silent, (QuickBooksWebConnectorSilence.Interval(connection) * factor).TotalMinutes, status.QuickBooksProblem, status.QuickBooksProblemUtc);
    }

    private string SilentFor(QbdWebConnectorHealth health) => health.LastSeenUtc is { } seen
        ? $"{(timeProvider.GetUtcNow() - seen).TotalMinutes:0} min (last call {seen:yyyy-MM-dd HH:mm} UTC)"
        : "as long as the connection exists (it never called)";
}
