namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One tracked <c>shipment</c>, with UPS's <c>warnings</c> (<c>TW0001</c> = not found).</summary>
internal sealed record TrackShipmentWire
{
    [JsonPropertyName("inquiryNumber")]
    public string? InquiryNumber { get; init; }

    [JsonPropertyName("package")]
    [JsonConverter(typeof(SingleOrArrayConverter<TrackPackageWire>))]
    public List<TrackPackageWire>? Package { get; init; }

    [JsonPropertyName("warnings")]
    [JsonConverter(typeof(SingleOrArrayConverter<ErrorWire>))]
    public List<ErrorWire>? Warnings { get; init; }
}
