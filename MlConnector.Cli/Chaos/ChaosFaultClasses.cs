namespace MlConnector.Cli.Chaos;

/// <summary>
/// The fault classes of issue #17, as the keys of <see cref="IChaosIntegration.CountFaults"/>; the run sums each across the
/// integrations into <see cref="ChaosFaultCounts"/>. A key not listed here stays in the integration's own row of the report.
/// </summary>
internal static class ChaosFaultClasses
{
    /// <summary>Vendor API requests answered 5xx.</summary>
    public const string ServerErrors = "serverErrors";

    /// <summary>Vendor API requests answered 429 with Retry-After.</summary>
    public const string RateLimits = "rateLimits";

    /// <summary>Vendor writes committed whose response was lost.</summary>
    public const string LostResponses = "lostResponses";

    /// <summary>QBO updates refused as stale (SyncToken).</summary>
    public const string StaleSyncTokens = "staleSyncTokens";

    /// <summary>QuickBooks Desktop modifies refused as stale (EditSequence, qbXML status 3200).</summary>
    public const string StaleEditSequences = "staleEditSequences";

    /// <summary>Web Connector sessions that found QuickBooks Desktop closed (the company file could not be opened).</summary>
    public const string QbdClosed = "qbdClosed";

    /// <summary>Web Connector sessions dropped mid-way (no closeConnection).</summary>
    public const string QbwcSessionsDropped = "qbwcSessionsDropped";

    /// <summary>Documents a trading partner rejected (SPS Commerce).</summary>
    public const string PartnerRejections = "partnerRejections";
}
