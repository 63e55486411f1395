namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShipmentResponse</c>.</summary>
internal sealed record ShipResponseWire
{
    [JsonPropertyName("ShipmentResults")]
    public ShipmentResultsWire? ShipmentResults { get; init; }
}
