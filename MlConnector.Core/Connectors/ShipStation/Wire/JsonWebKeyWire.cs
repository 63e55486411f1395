namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>An RSA JSON Web Key (RFC 7517 §4, RFC 7518 §6.3.1: <c>n</c> and <c>e</c> are base64url).</summary>
internal sealed record JsonWebKeyWire
{
    [JsonPropertyName("kty")]
    public string? Kty { get; init; }

    [JsonPropertyName("kid")]
    public string? Kid { get; init; }

    [JsonPropertyName("use")]
    public string? Use { get; init; }

    [JsonPropertyName("n")]
    public string? N { get; init; }

    [JsonPropertyName("e")]
    public string? E { get; init; }
}
