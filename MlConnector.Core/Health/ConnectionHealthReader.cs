using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Failures;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Health;

/// <summary>
/// Builds a connection's health document from what is already recorded: workflow instances (last success per flow, open
/// failures through <see cref="FailureTriage"/>), OAuth token state, held work, and the audit trail (last webhook accepted,
/// last reconciliation and what it found; the last 7 days).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="workflows">The workflow client.</param>
/// <param name="failures">The failure queue.</param>
/// <param name="tokens">The OAuth token manager.</param>
/// <param name="held">The held work.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="contributors">The integrations' own sections (<see cref="ConnectionHealth.Notes"/>).</param>
public sealed class ConnectionHealthReader(
    IConnectionStore connections,
    IWorkflowClient workflows,
    FailureTriage failures,
    IOAuthTokenManager tokens,
    HeldWorkStore held,
    IAuditTrail audit,
    TimeProvider timeProvider,
    IEnumerable<IConnectionHealthContributor> contributors)
{
    /// <summary>The audit operations of accepted webhooks.</summary>
    public static readonly IReadOnlyList<string> WebhookOperations = ["shipstation.webhook.receive", "ups.trackalert.receive", QboEventsNames.DispatchOperation, QboEventsNames.WebhookOperation];

    /// <summary>The audit operations of reconciliation passes.</summary>
    public static readonly IReadOnlyList<string> ReconcileOperations = [ShipStationQboReconciler.ReconcileOperation, QboEventsNames.ReconcileOperation];

    /// <summary>Reads one connection's health.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The document, or null when the connection does not exist.</returns>
    public async Task<ConnectionHealth?> ReadAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken);
        return connection is null ? null : await ReadAsync(connection, cancellationToken);
    }

    /// <summary>Reads one connection's health.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The document.</returns>
    public async Task<ConnectionHealth> ReadAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var completed = await workflows.ListAsync(WorkflowRuntimeStatus.Completed, connection.Id, cancellationToken: cancellationToken);
        var flows = completed.GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => new FlowHealth(g.Key, g.Max(s => s.LastUpdatedUtc)))
            .OrderBy(f => f.Workflow, StringComparer.Ordinal)
            .ToList();
        var open = await failures.ListAsync(connection.Id, cancellationToken: cancellationToken);
        var summary = new FailureSummary(
            open.Count,
            open.GroupBy(f => f.ErrorKind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            open.GroupBy(f => f.WhoFixes, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            [.. open.Take(5)]);
        var tokenHealth = await tokens.GetTokenHealthAsync(connection.Id, cancellationToken);
        var heldCount = (await held.ListAsync(connection.Id, 1000, cancellationToken)).Count;
        var now = timeProvider.GetUtcNow();
        var lastWebhook = await NewestAsync(connection.Id, WebhookOperations, now, cancellationToken);
        var lastReconcile = await NewestAsync(connection.Id, ReconcileOperations, now, cancellationToken);
        var notes = new List<ConnectionHealthNote>();
        foreach (var contributor in contributors)
        {
            if (await contributor.ReadAsync(connection, cancellationToken) is { } note)
            {
                notes.Add(note);
            }
        }

        var status = connection.Paused ? "paused"
            : open.Count > 0 || tokenHealth.Any(t => t.Status != OAuthTokenStatus.Healthy) || notes.Any(n => n.NeedsAttention) ? "attention"
            : "healthy";
        return new ConnectionHealth(
            connection.Id,
            connection.Kind,
            status,
            connection.Paused,
            connection.PausedReason,
            heldCount,
            flows,
            summary,
            tokenHealth,
            lastWebhook?.Time,
            lastReconcile is null ? null : new ReconciliationSummary(lastReconcile.Time, lastReconcile.Operation, lastReconcile.Outcome == AuditOutcome.Succeeded, lastReconcile.Detail))
        {
            Notes = notes,
        };
    }

    private async Task<AuditRecord?> NewestAsync(string connectionId, IReadOnlyList<string> operations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AuditRecord? newest = null;
        foreach (var operation in operations)
        {
            var rows = await audit.QueryAsync(new AuditQuery(connectionId, now.AddDays(-7), now.AddMinutes(1)) { Operation = operation, Limit = 1 }, cancellationToken);
            if (rows.FirstOrDefault(r => r.Outcome != AuditOutcome.Failed) is { } row && (newest is null || row.Time > newest.Time))
            {
                newest = row;
            }
        }

        return newest;
    }
}
