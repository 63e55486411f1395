namespace MlConnector.Cli.Chaos;

/// <summary>What the run injected, as the simulators and the driver counted it.</summary>
internal sealed record ChaosFaultCounts
{
    /// <summary>Vendor API requests answered 5xx.</summary>
    public int ServerErrors { get; init; }

    /// <summary>Vendor API requests answered 429 with Retry-After.</summary>
    public int RateLimits { get; init; }

    /// <summary>Vendor writes committed whose response was lost.</summary>
    public int LostResponses { get; init; }

    /// <summary>Updates refused as stale because the record was edited concurrently (QBO SyncToken).</summary>
    public int StaleSyncTokens { get; init; }

    /// <summary>QuickBooks Desktop modifies refused as stale (EditSequence).</summary>
    public int StaleEditSequences { get; init; }

    /// <summary>Web Connector sessions that found QuickBooks Desktop closed.</summary>
    public int QbdClosed { get; init; }

    /// <summary>Web Connector sessions dropped mid-way.</summary>
    public int QbwcSessionsDropped { get; init; }

    /// <summary>Documents a trading partner rejected.</summary>
    public int PartnerRejections { get; init; }

    /// <summary>Webhook deliveries answered 2xx by the host.</summary>
    public int WebhookDeliveries { get; init; }

    /// <summary>Of those, repeats of a delivery already made.</summary>
    public int DuplicateDeliveries { get; init; }

    /// <summary>Deliveries made after one about a later-created record.</summary>
    public int DeliveriesOutOfOrder { get; init; }

    /// <summary>Delivery attempts that found the host down (killed or restarting) and were repeated.</summary>
    public int DeliveriesRetriedWhileHostDown { get; init; }

    /// <summary>Access tokens the OAuth server expired mid-run.</summary>
    public int AccessTokensExpired { get; init; }

    /// <summary>Refresh-token grants the OAuth server refused.</summary>
    public int RefusedRefreshes { get; init; }

    /// <summary>Consents given again after the refused refresh.</summary>
    public int Reconsents { get; init; }

    /// <summary>Host processes killed with SIGKILL.</summary>
    public int Kills { get; init; }

    /// <summary>Host processes restarted after a kill.</summary>
    public int Restarts { get; init; }

    /// <summary>Webhook deliveries the host kept as poison, moved back by the operator route after the faults were lifted.</summary>
    public int PoisonDeliveriesReplayed { get; init; }
}
