namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>RateResponse</c>: <c>RatedShipment</c> is one object (Rate) or an array (Shop).</summary>
internal sealed record RateResponseWire
{
    [JsonPropertyName("RatedShipment")]
    [JsonConverter(typeof(SingleOrArrayConverter<RatedShipmentWire>))]
    public List<RatedShipmentWire>? RatedShipment { get; init; }
}
