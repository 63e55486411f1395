using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Failures;
using MlConnector.Core.Health;

namespace MlConnector.Core.Alerts;

/// <summary>
/// Evaluates the alert rules for every connection and delivers each incident once: a rule that fires opens an incident in
/// <see cref="AlertIncidentStore"/> and is delivered (<see cref="AlertNotifier"/>); while it stays open nothing more is
/// sent; when the condition clears the incident is closed and the rule is armed again. A delivery that fails closes the
/// incident again, so the next pass retries it.
/// </summary>
/// <remarks>
/// Rules: <see cref="AlertRule.NeedsReconsent"/> (a token needs re-consent or its refresh token expired);
/// <see cref="AlertRule.RetriesExhausted"/> (open failures of kind transient, rate-limited or conflict: retried until the
/// policy gave up); <see cref="AlertRule.WebhookSilence"/> (no accepted webhook for longer than
/// <see cref="AlertOptions.WebhookSilenceFactor"/> × the mean interval of the last 7 days' webhooks, once there were at least
/// <see cref="AlertOptions.MinimumWebhooksForSilence"/>); <see cref="AlertRule.ReconciliationFindings"/> (the last
/// reconciliation's audit row says the webhooks had missed more than <see cref="AlertOptions.ReconcileFindingsThreshold"/>);
/// and each integration's own rule carried by a health note (<see cref="ConnectionHealthNote.AlertRule"/>, for example the
/// QuickBooks Web Connector falling silent).
/// </remarks>
/// <param name="connections">The connection store.</param>
/// <param name="health">Reads a connection's health (tokens, failures, last reconciliation).</param>
/// <param name="audit">The audit trail (webhook history).</param>
/// <param name="incidents">The open incidents.</param>
/// <param name="notifier">Delivers alerts.</param>
/// <param name="options">The alert options.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed partial class AlertEvaluator(
    IConnectionStore connections,
    ConnectionHealthReader health,
    IAuditTrail audit,
    AlertIncidentStore incidents,
    AlertNotifier notifier,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertEvaluator> logger)
{
    /// <summary>Evaluates every connection.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The alerts delivered in this pass.</returns>
    public async Task<IReadOnlyList<Alert>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var delivered = new List<Alert>();
        foreach (var connection in await connections.ListAsync(cancellationToken: cancellationToken))
        {
            try
            {
                delivered.AddRange(await EvaluateAsync(connection, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.AlertEvaluationFailed(ex, connection.Id);
            }
        }

        return delivered;
    }

    private async Task<IReadOnlyList<Alert>> EvaluateAsync(Connection connection, CancellationToken cancellationToken)
    {
        var firing = await FiringAsync(connection, cancellationToken);
        var open = await incidents.ListOpenAsync(connection.Id, cancellationToken);
        foreach (var rule in open.Where(r => !firing.ContainsKey(r)))
        {
            await incidents.CloseAsync(connection.Id, rule, cancellationToken);
            logger.AlertResolved(connection.Id, rule);
        }

        var delivered = new List<Alert>();
        foreach (var alert in firing.Values.Where(a => !open.Contains(a.Rule)))
        {
            if (!await incidents.TryOpenAsync(alert, cancellationToken))
            {
                continue;
            }

            try
            {
                await notifier.DeliverAsync(alert, cancellationToken);
                delivered.Add(alert);
            }
            catch (HttpRequestException ex)
            {
                logger.AlertDeliveryFailed(ex, alert.ConnectionId, alert.Rule);
                await incidents.CloseAsync(alert.ConnectionId, alert.Rule, cancellationToken);
            }
        }

        return delivered;
    }

    private async Task<Dictionary<string, Alert>> FiringAsync(Connection connection, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var document = await health.ReadAsync(connection, cancellationToken);
        var firing = new Dictionary<string, Alert>(StringComparer.Ordinal);
        void Fire(string rule, string text) => firing[rule] = new Alert(connection.Id, rule, text);

        var lapsed = document.Tokens.Where(t => t.Status is OAuthTokenStatus.NeedsReconsent or OAuthTokenStatus.RefreshTokenExpired).ToList();
        if (lapsed.Count > 0)
        {
            Fire(AlertRule.NeedsReconsent, $"The {string.Join(" and ", lapsed.Select(t => t.Provider))} consent lapsed; nothing syncs until the merchant reconnects (`mlconnector connect {connection.Id}`).");
        }

        var exhausted = document.OpenFailures.ByErrorKind
            .Where(kv => kv.Key is nameof(ErrorKind.Transient) or nameof(ErrorKind.RateLimited) or nameof(ErrorKind.Conflict))
            .Sum(kv => kv.Value);
        if (exhausted > 0)
        {
            Fire(AlertRule.RetriesExhausted, $"{exhausted} sync(s) failed after every retry; replay them once the vendor recovers (`mlconnector replay --all-failed --connection {connection.Id}`).");
        }

        foreach (var note in document.Notes.Where(n => n.AlertRule is not null))
        {
            Fire(note.AlertRule!, note.AlertText ?? note.Name);
        }

        if (!connection.Paused && await SilenceAsync(connection.Id, settings, cancellationToken) is { } silence)
        {
            Fire(AlertRule.WebhookSilence, silence);
        }

        if (document.LastReconciliation is { Detail: { } detail } last && MissedCount(detail) is { } missed && missed > settings.ReconcileFindingsThreshold)
        {
            Fire(AlertRule.ReconciliationFindings, $"The reconciliation at {last.AtUtc:yyyy-MM-dd HH:mm} UTC found {missed} record(s) the webhooks had missed; check the webhook registration (`mlconnector test {connection.Id}`).");
        }

        return firing;
    }

    private async Task<string?> SilenceAsync(string connectionId, AlertOptions settings, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var times = new List<DateTimeOffset>();
        foreach (var operation in ConnectionHealthReader.WebhookOperations)
        {
            var rows = await audit.QueryAsync(new AuditQuery(connectionId, now.AddDays(-7), now.AddMinutes(1)) { Operation = operation, Limit = 200 }, cancellationToken);
            times.AddRange(rows.Where(r => r.Outcome != AuditOutcome.Failed).Select(r => r.Time));
        }

        if (times.Count < settings.MinimumWebhooksForSilence)
        {
            return null;
        }

        times.Sort();
        var usual = (times[^1] - times[0]) / (times.Count - 1);
        var silent = now - times[^1];
        return usual > TimeSpan.Zero && silent > usual * settings.WebhookSilenceFactor
            ? $"No webhook for {silent.TotalHours:0.#} h; they usually arrive every {usual.TotalMinutes:0} min. Check the vendor's webhook registration (`mlconnector test {connectionId}`)."
            : null;
    }

    /// <summary>The records a reconciliation found that webhooks had missed, read from its audit detail ("webhooks had missed N … and M …").</summary>
    private static int? MissedCount(string detail)
    {
        var match = MissedPattern().Match(detail);
        return match.Success ? NumberPattern().Matches(match.Groups["tail"].Value).Sum(m => int.Parse(m.Value, CultureInfo.InvariantCulture)) : null;
    }

    [GeneratedRegex(@"webhooks had missed (?<tail>[^;]*?), now started", RegexOptions.CultureInvariant)]
    private static partial Regex MissedPattern();

    [GeneratedRegex(@"\b\d+\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
