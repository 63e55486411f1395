namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>The outcome of <see cref="ShipStationV2WebhookVerifier.Verify"/>.</summary>
/// <remarks>
/// HTTP answers suggested by https://docs.shipstation.com/apis/docs/guides/webhooks-validation: missing headers → 404
/// (hides the endpoint from probes), a stale timestamp → 400. For the others the endpoint answers 401 and does nothing.
/// </remarks>
public enum ShipStationWebhookVerification
{
    /// <summary>The signature is ShipStation's over this exact body and the timestamp is recent.</summary>
    Valid = 0,

    /// <summary>One of <c>x-shipengine-rsa-sha256-key-id</c>, <c>x-shipengine-rsa-sha256-signature</c> or <c>x-shipengine-timestamp</c> is missing or empty.</summary>
    MissingHeaders,

    /// <summary>The timestamp is unreadable, or further from now than the tolerance (a replay, or a skewed clock).</summary>
    StaleTimestamp,

    /// <summary>The key id is not in the key set (fetch the JWKS again: ShipStation may have rotated its keys).</summary>
    UnknownKey,

    /// <summary>The signature is malformed or does not match the body and timestamp.</summary>
    InvalidSignature,
}
