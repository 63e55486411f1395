namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>A JSON Web Key Set (RFC 7517 §5): <c>{"keys": [...]}</c>.</summary>
internal sealed record JsonWebKeySetWire
{
    [JsonPropertyName("keys")]
    public List<JsonWebKeyWire>? Keys { get; init; }
}
