namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>Where a queued qbXML request stands in its connection's outbox.</summary>
public enum QuickBooksDesktopRequestState
{
    /// <summary>Waiting for the next Web Connector session.</summary>
    Queued,

    /// <summary>Handed to QuickBooks; the answer has not come back yet.</summary>
    Sent,

    /// <summary>QuickBooks' answer is stored.</summary>
    Answered,

    /// <summary>An add or mod whose answer was lost; not resent. Re-query by RefNumber to learn whether QuickBooks did it.</summary>
    Unconfirmed,
}
