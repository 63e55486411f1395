namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShipmentRequest</c>.</summary>
internal sealed record ShipRequestWire
{
    [JsonPropertyName("Request")]
    public required RequestWire Request { get; init; }

    [JsonPropertyName("Shipment")]
    public required ShipShipmentWire Shipment { get; init; }

    [JsonPropertyName("LabelSpecification")]
    public required LabelSpecificationWire LabelSpecification { get; init; }
}
