namespace MlConnector.Core.Alerts;

/// <summary>The alert rules (the <c>rule</c> of an incident).</summary>
public static class AlertRule
{
    /// <summary>An OAuth consent lapsed (needs re-consent, or the refresh token expired).</summary>
    public const string NeedsReconsent = "needs-reconsent";

    /// <summary>Workflows failed after every retry on a vendor outage, throttling or conflict.</summary>
    public const string RetriesExhausted = "retries-exhausted";

    /// <summary>No webhook for longer than <see cref="AlertOptions.WebhookSilenceFactor"/> times the usual interval.</summary>
    public const string WebhookSilence = "webhook-silence";

    /// <summary>The last reconciliation found more than <see cref="AlertOptions.ReconcileFindingsThreshold"/> records the webhooks missed.</summary>
    public const string ReconciliationFindings = "reconciliation-findings";
}
