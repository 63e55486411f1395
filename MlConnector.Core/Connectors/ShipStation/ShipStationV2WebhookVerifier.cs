using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// Verifies a ShipStation V2 webhook delivery: RSA-SHA256 (RSASSA-PKCS1-v1_5) over <c>{x-shipengine-timestamp}.{raw body}</c>
/// with the public key the <c>x-shipengine-rsa-sha256-key-id</c> header names, and a timestamp no further from now than
/// <see cref="ShipStationOptions.WebhookTimestampTolerance"/> (5 minutes by default) in either direction.
/// </summary>
/// <remarks>
/// Source: https://docs.shipstation.com/apis/docs/guides/webhooks-validation (steps: extract the three headers, answer 404
/// when they are missing; reject timestamps more than 5 minutes from now, allowing for clock skew in both directions;
/// use the raw, unparsed body; the signed string is the timestamp, a period and the raw body, as in the page's code
/// example; keys come from the JWKS). The timestamp is an ISO 8601 date-time. Verify before parsing the body, and never
/// log the signature or the body.
/// </remarks>
/// <param name="timeProvider">The clock.</param>
/// <param name="options">The tolerance.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationV2WebhookVerifier(TimeProvider timeProvider, IOptions<ShipStationOptions> options, ILogger<ShipStationV2WebhookVerifier> logger)
{
    /// <summary>The header naming the signing key.</summary>
    public const string KeyIdHeader = "x-shipengine-rsa-sha256-key-id";

    /// <summary>The header carrying the base64 signature.</summary>
    public const string SignatureHeader = "x-shipengine-rsa-sha256-signature";

    /// <summary>The header carrying the signing time (ISO 8601).</summary>
    public const string TimestampHeader = "x-shipengine-timestamp";

    /// <summary>Checks one delivery.</summary>
    /// <param name="keyId">The <see cref="KeyIdHeader"/> value.</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value (base64).</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value.</param>
    /// <param name="rawBody">The request body exactly as received.</param>
    /// <param name="keys">ShipStation's current public keys.</param>
    /// <returns>Whether the delivery is genuine, and if not, why.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="keys"/> is null.</exception>
    public ShipStationWebhookVerification Verify(string? keyId, string? signature, string? timestamp, ReadOnlySpan<byte> rawBody, ShipStationWebhookKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = Check(keyId, signature, timestamp, rawBody, keys);
        if (result != ShipStationWebhookVerification.Valid)
        {
            logger.ShipStationV2WebhookRejected(result, keyId);
        }

        return result;
    }

    /// <summary>
    /// The checks that need no key: the three headers are present and the timestamp is fresh. Run it before fetching keys,
    /// so a delivery that cannot be genuine costs no request to ShipStation.
    /// </summary>
    /// <param name="keyId">The <see cref="KeyIdHeader"/> value.</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value.</param>
    /// <returns><see cref="ShipStationWebhookVerification.Valid"/> when the key check may follow; otherwise why not (logged).</returns>
    public ShipStationWebhookVerification CheckHeaders(string? keyId, string? signature, string? timestamp)
    {
        var result = Precheck(keyId, signature, timestamp);
        if (result != ShipStationWebhookVerification.Valid)
        {
            logger.ShipStationV2WebhookRejected(result, keyId);
        }

        return result;
    }

    private ShipStationWebhookVerification Precheck(string? keyId, string? signature, string? timestamp)
    {
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return ShipStationWebhookVerification.MissingHeaders;
        }

        return !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var signedAt)
            || (timeProvider.GetUtcNow() - signedAt).Duration() > options.Value.WebhookTimestampTolerance
            ? ShipStationWebhookVerification.StaleTimestamp
            : ShipStationWebhookVerification.Valid;
    }

    private ShipStationWebhookVerification Check(string? keyId, string? signature, string? timestamp, ReadOnlySpan<byte> rawBody, ShipStationWebhookKeys keys)
    {
        var precheck = Precheck(keyId, signature, timestamp);
        if (precheck != ShipStationWebhookVerification.Valid)
        {
            return precheck;
        }

        if (!keys.TryGetKey(keyId!, out var parameters))
        {
            return ShipStationWebhookVerification.UnknownKey;
        }

        var signatureBytes = new byte[signature!.Length];
        if (!Convert.TryFromBase64String(signature.Trim(), signatureBytes, out var signatureLength))
        {
            return ShipStationWebhookVerification.InvalidSignature;
        }

        var prefixLength = Encoding.UTF8.GetByteCount(timestamp!) + 1;
        var signed = new byte[prefixLength + rawBody.Length];
        Encoding.UTF8.GetBytes(timestamp, signed);
        signed[prefixLength - 1] = (byte)'.';
        rawBody.CopyTo(signed.AsSpan(prefixLength));

        try
        {
            using var rsa = RSA.Create(parameters);
            return rsa.VerifyData(signed, signatureBytes.AsSpan(0, signatureLength), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? ShipStationWebhookVerification.Valid
                : ShipStationWebhookVerification.InvalidSignature;
        }
        catch (CryptographicException)
        {
            return ShipStationWebhookVerification.InvalidSignature;
        }
    }
}
