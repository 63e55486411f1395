namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShipmentRequest.Shipment</c>.</summary>
internal sealed record ShipShipmentWire
{
    [JsonPropertyName("Description")]
    public string? Description { get; init; }

    [JsonPropertyName("Shipper")]
    public required PartyWire Shipper { get; init; }

    [JsonPropertyName("ShipTo")]
    public required PartyWire ShipTo { get; init; }

    [JsonPropertyName("ShipFrom")]
    public PartyWire? ShipFrom { get; init; }

    [JsonPropertyName("PaymentInformation")]
    public required PaymentWire PaymentInformation { get; init; }

    [JsonPropertyName("ShipmentRatingOptions")]
    public RatingOptionsWire? ShipmentRatingOptions { get; init; }

    [JsonPropertyName("ReferenceNumber")]
    public List<ReferenceNumberWire>? ReferenceNumber { get; init; }

    [JsonPropertyName("Service")]
    public required CodeWire Service { get; init; }

    [JsonPropertyName("Package")]
    public required List<ShipPackageWire> Package { get; init; }
}
