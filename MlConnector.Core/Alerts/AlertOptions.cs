using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Alerts;

/// <summary>Alert rules and delivery (configuration section <c>Alerts</c>). Holds no secret: the incoming-webhook URL is a secret-store entry.</summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Alerts";

    /// <summary>
    /// The secret-store name of the Teams or Slack incoming-webhook URL alerts are posted to (an HTTPS URL carrying its own
    /// token, so a secret). When the secret is absent, alerts go to the log only.
    /// </summary>
    [Required]
    public string WebhookSecretName { get; set; } = "alert-webhook-url";

    /// <summary>Webhook silence alerts when the last webhook is older than this many times the usual interval between webhooks.</summary>
    [Range(1.5, 1000)]
    public double WebhookSilenceFactor { get; set; } = 4;

    /// <summary>How many webhooks in the last 7 days a connection needs before its usual interval is trusted for the silence rule.</summary>
    [Range(2, 1000)]
    public int MinimumWebhooksForSilence { get; set; } = 5;

    /// <summary>A reconciliation pass that finds more records than this, which the webhooks had missed, alerts.</summary>
    [Range(0, 100_000)]
    public int ReconcileFindingsThreshold { get; set; } = 5;
}
