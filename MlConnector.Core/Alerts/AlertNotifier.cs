using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Alerts;

/// <summary>
/// Delivers an alert: always to the log at Warning (<c>AlertRaised</c>, EventId 1600, which the Azure Monitor alert rule in
/// <c>infra/app/monitoring.bicep</c> watches), and, when the secret <see cref="AlertOptions.WebhookSecretName"/> holds a URL,
/// as <c>{"text": …}</c> to that Teams or Slack incoming webhook (both accept that body: Slack "Sending messages using
/// incoming webhooks", Microsoft Teams incoming-webhook "text" payloads).
/// </summary>
/// <param name="http">The HTTP client (named <c>alerts</c>).</param>
/// <param name="secrets">The secret store.</param>
/// <param name="options">The alert options.</param>
/// <param name="logger">The logger.</param>
public sealed class AlertNotifier(HttpClient http, ISecretStore secrets, IOptions<AlertOptions> options, ILogger<AlertNotifier> logger)
{
    /// <summary>Delivers one alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when delivered.</returns>
    /// <exception cref="HttpRequestException">When the webhook refuses the alert or cannot be reached.</exception>
    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        logger.AlertRaised(alert.ConnectionId, alert.Rule, alert.Text);
        var url = await secrets.GetAsync(options.Value.WebhookSecretName, cancellationToken);
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttps && !target.IsLoopback))
        {
            logger.AlertWebhookInvalid(options.Value.WebhookSecretName);
            return;
        }

        using var response = await http.PostAsJsonAsync(target, new { text = $"ml-connector · {alert.ConnectionId} · {alert.Rule}: {alert.Text}" }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
