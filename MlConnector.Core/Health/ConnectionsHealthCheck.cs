using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Connections;

namespace MlConnector.Core.Health;

/// <summary>
/// The per-connection part of <c>GET /api/health</c> (check <c>connections</c>): for each connection its status
/// (<c>healthy</c>, <c>attention</c>, <c>paused</c>), open failures and token states, under <c>data</c> keyed by connection id.
/// Degraded (never unhealthy: the app itself works) when a connection needs attention. The full document is
/// <c>GET /api/connections/{id}/health</c>.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="reader">Reads each connection's health.</param>
public sealed class ConnectionsHealthCheck(IConnectionStore connections, ConnectionHealthReader reader) : IHealthCheck
{
    /// <summary>The name under which the check is registered and reported.</summary>
    public const string Name = "connections";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var attention = 0;
        foreach (var connection in await connections.ListAsync(cancellationToken: cancellationToken))
        {
            ConnectionHealth health;
            try
            {
                health = await reader.ReadAsync(connection, cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // The Functions app binds the workflow client per invocation, so its health probe has none: say where the detail is.
                return HealthCheckResult.Healthy("Per-connection detail: GET /api/connections/{id}/health.");
            }

            attention += health.Status == "attention" ? 1 : 0;
            data[connection.Id] = new
            {
                status = health.Status,
                pausedReason = health.PausedReason,
                openFailures = health.OpenFailures.Total,
                failuresByWhoFixes = health.OpenFailures.ByWhoFixes,
                tokens = health.Tokens.ToDictionary(t => t.Provider, t => t.Status.ToString(), StringComparer.Ordinal),
                lastWebhookUtc = health.LastWebhookUtc,
            };
        }

        return attention == 0
            ? HealthCheckResult.Healthy($"{data.Count} connection(s); none needs attention.", data)
            : HealthCheckResult.Degraded($"{attention} of {data.Count} connection(s) need attention.", data: data);
    }
}
