using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The QuickBooks Desktop part of <c>GET /api/health</c> (check <c>qbwc</c>): per <c>qbd-shipstation</c> connection, when its
/// Web Connector last called, whether it is silent (no call for <see cref="QuickBooksWebConnectorOptions.SilenceFactor"/> × its
/// schedule; the same reading as the connection's own health, <see cref="QbdWebConnectorHealthContributor"/>) and the last reason it gave for not reaching QuickBooks ("QuickBooks is closed", with what to do). Degraded
/// (the app itself works) when any connection's QuickBooks is not there.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="webConnector">Reads each connection's Web Connector state.</param>
public sealed class QbdWebConnectorHealthCheck(IConnectionStore connections, QbdWebConnectorHealthContributor webConnector) : IHealthCheck
{
    /// <summary>The name under which the check is registered and reported.</summary>
    public const string Name = "qbwc";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = 0;
        foreach (var connection in await connections.ListAsync(IntegrationKinds.QbdShipStation, cancellationToken))
        {
            var status = await webConnector.ReadStateAsync(connection, cancellationToken);
            problems += status.Silent || status.QuickBooksProblem is not null ? 1 : 0;
            data[connection.Id] = new
            {
                lastSeenUtc = status.LastSeenUtc,
                silent = status.Silent,
                quickBooksProblem = status.QuickBooksProblem,
                quickBooksProblemUtc = status.QuickBooksProblemUtc,
            };
        }

        return problems == 0
            ? HealthCheckResult.Healthy($"{data.Count} QuickBooks Desktop connection(s); every Web Connector reaches QuickBooks.", data)
            : HealthCheckResult.Degraded($"{problems} of {data.Count} QuickBooks Desktop connection(s) cannot reach QuickBooks or their Web Connector is silent.", data: data);
    }
}
