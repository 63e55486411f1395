using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using MlConnector.Core.Connectors.ShipStation.Wire;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// The RSA public keys that sign ShipStation V2 webhooks, read from a JSON Web Key Set (RFC 7517 §5) such as
/// <see cref="ShipStationOptions.V2JwksUrl"/> serves. Keys are found by <c>kid</c>, the value of the
/// <c>x-shipengine-rsa-sha256-key-id</c> header. Immutable and thread-safe; cache it and fetch again when a delivery
/// names an unknown key id (ShipStation may rotate keys).
/// </summary>
public sealed class ShipStationWebhookKeys
{
    private readonly FrozenDictionary<string, RSAParameters> _keys;

    private ShipStationWebhookKeys(Dictionary<string, RSAParameters> keys) =>
        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The key ids in the set.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Reads a JWKS document. Keys that are not RSA, have no <c>kid</c>, or are not for signatures (<c>use</c> other than <c>sig</c>) are skipped.</summary>
    /// <param name="json">The JWKS JSON: <c>{"keys": [{"kty": "RSA", "kid": "…", "n": "…", "e": "…"}]}</c>.</param>
    /// <returns>The key set.</returns>
    /// <exception cref="FormatException">When the document is not a JWKS or a key's <c>n</c>/<c>e</c> is not base64url.</exception>
    public static ShipStationWebhookKeys Parse(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        JsonWebKeySetWire? set;
        try
        {
            set = JsonSerializer.Deserialize(json, ShipStationJsonContext.Default.JsonWebKeySetWire);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The webhook key set is not valid JSON.", ex);
        }

        if (set?.Keys is null)
        {
            throw new FormatException("The webhook key set has no \"keys\" array.");
        }

        var keys = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        foreach (var key in set.Keys)
        {
            if (key.Kty != "RSA" || string.IsNullOrEmpty(key.Kid) || key.N is null || key.E is null || (key.Use is not null && key.Use != "sig"))
            {
                continue;
            }

            try
            {
                keys[key.Kid] = new RSAParameters { Modulus = Base64Url.DecodeFromChars(key.N), Exponent = Base64Url.DecodeFromChars(key.E) };
            }
            catch (FormatException ex)
            {
                throw new FormatException($"The webhook key '{key.Kid}' is not valid base64url.", ex);
            }
        }

        return new ShipStationWebhookKeys(keys);
    }

    internal bool TryGetKey(string keyId, out RSAParameters key) => _keys.TryGetValue(keyId, out key);
}
