namespace MlConnector.Sandbox.ShipStation;

/// <summary>The three signature headers of a V2 delivery.</summary>
/// <param name="KeyId"><c>x-shipengine-rsa-sha256-key-id</c>.</param>
/// <param name="Signature"><c>x-shipengine-rsa-sha256-signature</c> (base64).</param>
/// <param name="Timestamp"><c>x-shipengine-timestamp</c> (ISO 8601, UTC).</param>
public sealed record ShipStationV2Signature(string KeyId, string Signature, string Timestamp);
