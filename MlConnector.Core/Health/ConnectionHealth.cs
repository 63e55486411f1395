using MlConnector.Core.Auth;

namespace MlConnector.Core.Health;

/// <summary>One connection's health document (<c>GET /api/connections/{id}/health</c>).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Kind">Its integration kind.</param>
/// <param name="Status"><c>healthy</c>, <c>attention</c> (open failures or a token problem) or <c>paused</c>.</param>
/// <param name="Paused">True when paused.</param>
/// <param name="PausedReason">Why, when paused.</param>
/// <param name="HeldWork">Pieces of work held (at most 1,000 counted): while paused (run on resume), or beyond the connection's running limit (<c>Admission:MaxActivePerConnection</c>; started as running instances finish).</param>
/// <param name="Flows">Last successful sync per flow.</param>
/// <param name="OpenFailures">Open failures by error class.</param>
/// <param name="Tokens">OAuth token health per provider (needs re-consent, refresh-token hard expiry).</param>
/// <param name="LastWebhookUtc">When a webhook for the connection was last accepted, UTC (last 7 days).</param>
/// <param name="LastReconciliation">The last reconciliation pass and what it found (last 7 days).</param>
/// <remarks><see cref="Notes"/> holds the integrations' own sections (<see cref="IConnectionHealthContributor"/>), for example the QuickBooks Web Connector's last call.</remarks>
public sealed record ConnectionHealth(
    string ConnectionId,
    string Kind,
    string Status,
    bool Paused,
    string? PausedReason,
    int HeldWork,
    IReadOnlyList<FlowHealth> Flows,
    FailureSummary OpenFailures,
    IReadOnlyList<OAuthTokenHealth> Tokens,
    DateTimeOffset? LastWebhookUtc,
    ReconciliationSummary? LastReconciliation)
{
    /// <summary>The integrations' own sections (empty when none applies).</summary>
    public IReadOnlyList<ConnectionHealthNote> Notes { get; init; } = [];
}
