namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>RateRequest</c>.</summary>
internal sealed record RateRequestWire
{
    [JsonPropertyName("Request")]
    public required RequestWire Request { get; init; }

    [JsonPropertyName("Shipment")]
    public required RateShipmentWire Shipment { get; init; }
}
