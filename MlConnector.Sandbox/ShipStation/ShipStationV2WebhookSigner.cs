using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MlConnector.Sandbox.ShipStation;

/// <summary>
/// Signs simulated V2 webhook deliveries the way ShipStation does (https://docs.shipstation.com/apis/docs/guides/webhooks-validation):
/// RSA-SHA256 (PKCS#1 v1.5) over <c>{timestamp}.{raw body}</c> with a 2048-bit key it owns, whose public half it publishes
/// as a JWKS.
/// </summary>
public sealed class ShipStationV2WebhookSigner : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    /// <summary>The key id (<c>kid</c>) sent in <c>x-shipengine-rsa-sha256-key-id</c>.</summary>
    public string KeyId { get; } = "sim-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    /// <summary>The public key as a JWKS document: <c>{"keys":[{"kty":"RSA","kid":…,"use":"sig","alg":"RS256","n":…,"e":…}]}</c>.</summary>
    /// <returns>The JSON.</returns>
    public string GetJwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    /// <summary>Signs a body as sent at <paramref name="timestamp"/>.</summary>
    /// <param name="body">The exact body that will be posted.</param>
    /// <param name="timestamp">The signing time.</param>
    /// <returns>The header values.</returns>
    public ShipStationV2Signature Sign(string body, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(body);
        var stamp = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var signature = _rsa.SignData(Encoding.UTF8.GetBytes(stamp + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new ShipStationV2Signature(KeyId, Convert.ToBase64String(signature), stamp);
    }

    /// <summary>Releases the key.</summary>
    public void Dispose() => _rsa.Dispose();
}
