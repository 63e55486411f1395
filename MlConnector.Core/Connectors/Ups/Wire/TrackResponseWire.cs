namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>trackResponse</c>.</summary>
internal sealed record TrackResponseWire
{
    [JsonPropertyName("shipment")]
    [JsonConverter(typeof(SingleOrArrayConverter<TrackShipmentWire>))]
    public List<TrackShipmentWire>? Shipment { get; init; }
}
