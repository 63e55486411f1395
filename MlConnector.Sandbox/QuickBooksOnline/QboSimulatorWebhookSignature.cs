namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>How a simulated webhook delivery is signed.</summary>
public enum QboSimulatorWebhookSignature
{
    /// <summary><c>intuit-signature</c> = Base64(HMAC-SHA256(verifier token, body)), as Intuit signs.</summary>
    Valid,

    /// <summary>A well-formed signature made with a different key.</summary>
    Forged,

    /// <summary>No <c>intuit-signature</c> header.</summary>
    Omitted,
}
