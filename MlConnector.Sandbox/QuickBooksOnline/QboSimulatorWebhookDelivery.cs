namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>One webhook delivery the simulator sent, and the receiver's answer.</summary>
/// <param name="Format">The payload format.</param>
/// <param name="Body">The exact body sent (UTF-8 JSON).</param>
/// <param name="ContentType">The <c>Content-Type</c> sent.</param>
/// <param name="SignatureHeader">The <c>intuit-signature</c> sent, or null when omitted.</param>
/// <param name="Changes">The changes it carried.</param>
/// <param name="StatusCode">The receiver's HTTP status.</param>
/// <param name="ResponseBody">The receiver's answer.</param>
public sealed record QboSimulatorWebhookDelivery(
    QboSimulatorWebhookFormat Format,
    string Body,
    string ContentType,
    string? SignatureHeader,
    IReadOnlyList<QboSimulatorChange> Changes,
    int StatusCode,
    string ResponseBody);
