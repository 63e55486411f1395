namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>
/// What a qbXML <c>statusCode</c> means to us (Intuit, "Status codes in response messages",
/// developer.intuit.com/app/developer/qbdesktop/docs/develop/exploring-the-quickbooks-desktop-sdk/status-codes-in-response-messages;
/// PROTOCOL-NOTES §3).
/// </summary>
public enum QbXmlStatus
{
    /// <summary>0: done.</summary>
    Ok,

    /// <summary>1: the query matched nothing (not an error).</summary>
    NoMatch,

    /// <summary>500–999: a warning; the request was done, the warning is logged.</summary>
    Warning,

    /// <summary>3100: the name is already in use (a list add raced another).</summary>
    NameInUse,

    /// <summary>3200: the EditSequence sent is out of date; re-query and try once more.</summary>
    StaleEditSequence,

    /// <summary>Any other code: the request failed.</summary>
    Error,
}
