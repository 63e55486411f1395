namespace MlConnector.Core.Errors;

/// <summary>
/// The one error taxonomy. It decides whether work is retried, whether an operator is alerted and what the
/// merchant is told.
/// </summary>
public enum ErrorKind
{
    /// <summary>Not classified: treated as permanent until someone looks.</summary>
    Unknown = 0,

    /// <summary>The vendor refused our credentials; the merchant must reconnect (OAuth consent or new API key). No retry.</summary>
    NeedsReconsent,

    /// <summary>The vendor throttled us (HTTP 429 or its equivalent); retry after the vendor's delay.</summary>
    RateLimited,

    /// <summary>A network failure, timeout or 5xx; retry with backoff.</summary>
    Transient,

    /// <summary>The data cannot be synced as it is (missing mapping, invalid address, rejected field); the customer must fix something. No retry.</summary>
    Validation,

    /// <summary>The referenced record does not exist at the vendor.</summary>
    NotFound,

    /// <summary>A concurrency conflict: stale QBO SyncToken, stale qbXML EditSequence, ETag mismatch.</summary>
    Conflict,

    /// <summary>An EDI trading partner (through SPS Commerce) rejected the document.</summary>
    PartnerRejected,

    /// <summary>
    /// The connection is paused: the step was not run and its workflow is held; resuming the connection replays it once.
    /// Not retried, not alerted, not shown in the failure queue.
    /// </summary>
    Paused,
}
