using MlConnector.Core.Connections;

namespace MlConnector.Core.Health;

/// <summary>
/// Adds an integration's own section to a connection's health document (<c>GET /api/connections/{id}/health</c>,
/// <see cref="ConnectionHealth.Notes"/>) and, through <see cref="ConnectionHealthNote.AlertRule"/>, to the alert rules:
/// the platform reads what an integration knows about its connections without depending on the integration.
/// Registered with <c>TryAddEnumerable</c>; every contributor is asked about every connection.
/// </summary>
public interface IConnectionHealthContributor
{
    /// <summary>Reads the section for one connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The section, or null when the contributor has nothing to say about this connection (another integration kind).</returns>
    Task<ConnectionHealthNote?> ReadAsync(Connection connection, CancellationToken cancellationToken = default);
}
