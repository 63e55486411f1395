namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// What a QBWC <c>connectionError</c> HRESULT means for the merchant (Intuit's WCWebService sample: 0x80040400 parse
/// error, 0x80040401 could not access QuickBooks, 0x80040402 unexpected error; PROTOCOL-NOTES §3). Unknown codes keep
/// QBWC's own message.
/// </summary>
public static class QuickBooksConnectionErrors
{
    /// <summary>A sentence a merchant can act on.</summary>
    /// <param name="hresult">The HRESULT QBWC passed, for example <c>0x80040401</c>.</param>
    /// <param name="message">QBWC's message.</param>
    /// <returns>The reason with what to do.</returns>
    public static string Describe(string? hresult, string? message) => (hresult ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        "0x80040400" => "QuickBooks could not parse a request from ml-connector; the request stays queued. Report it with the time of this sync.",
        "0x80040401" => "The Web Connector could not open QuickBooks: open QuickBooks Desktop with the company file on this computer (and close any dialog it shows), then run the update again.",
        "0x80040402" => "QuickBooks met an unexpected error; restart QuickBooks Desktop and run the update again.",
        _ => $"The Web Connector could not reach QuickBooks ({hresult}): {message}",
    };
}
