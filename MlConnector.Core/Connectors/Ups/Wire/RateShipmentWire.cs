namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>RateRequest.Shipment</c>.</summary>
internal sealed record RateShipmentWire
{
    [JsonPropertyName("Shipper")]
    public required PartyWire Shipper { get; init; }

    [JsonPropertyName("ShipTo")]
    public required PartyWire ShipTo { get; init; }

    [JsonPropertyName("ShipFrom")]
    public PartyWire? ShipFrom { get; init; }

    [JsonPropertyName("PaymentDetails")]
    public PaymentWire? PaymentDetails { get; init; }

    [JsonPropertyName("Service")]
    public CodeWire? Service { get; init; }

    [JsonPropertyName("NumOfPieces")]
    public string? NumOfPieces { get; init; }

    [JsonPropertyName("Package")]
    public required List<RatePackageWire> Package { get; init; }

    [JsonPropertyName("ShipmentRatingOptions")]
    public RatingOptionsWire? ShipmentRatingOptions { get; init; }
}
