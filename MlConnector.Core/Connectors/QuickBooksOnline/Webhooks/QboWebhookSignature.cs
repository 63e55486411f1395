using System.Security.Cryptography;

namespace MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;

/// <summary>
/// The <c>intuit-signature</c> header of a QuickBooks Online webhook delivery: Base64(HMAC-SHA256(key = the UTF-8 bytes of
/// the app's verifier token, message = the raw request body bytes)), the same for the legacy and the CloudEvents format.
/// </summary>
/// <remarks>
/// Source: PROTOCOL-NOTES.md §2 ("Webhook signature"; Intuit .NET SDK <c>WebhooksService.VerifyPayload</c>), and the
/// verified test vector in <c>contracts/quickbooks-online/webhooks/signature-vector.json</c>. The comparison is constant
/// time over the decoded 32-byte MACs; the token and the header are never logged or put in exception messages.
/// </remarks>
public static class QboWebhookSignature
{
    /// <summary>The request header carrying the signature.</summary>
    public const string HeaderName = "intuit-signature";

    private const int MacBytes = 32;

    /// <summary>Computes the signature of a body.</summary>
    /// <param name="verifierToken">The app's verifier token (a secret).</param>
    /// <param name="body">The raw request body.</param>
    /// <returns>The Base64 signature.</returns>
    /// <exception cref="ArgumentException">When <paramref name="verifierToken"/> is null or empty.</exception>
    public static string Compute(string verifierToken, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifierToken);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body));
    }

    /// <summary>
    /// Checks a delivery's signature in constant time. A missing, empty or non-Base64 header, or one that does not decode
    /// to a 32-byte MAC, is invalid.
    /// </summary>
    /// <param name="verifierToken">The app's verifier token (a secret).</param>
    /// <param name="signatureHeader">The <c>intuit-signature</c> header value, or null when absent.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <returns>True when the signature is Intuit's for this body.</returns>
    /// <exception cref="ArgumentException">When <paramref name="verifierToken"/> is null or empty.</exception>
    public static bool IsValid(string verifierToken, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifierToken);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[MacBytes + 3];
        if (!Convert.TryFromBase64String(signatureHeader.Trim(), presented, out var written) || written != MacBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented[..MacBytes]);
    }
}
