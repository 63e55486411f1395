namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShipmentResults</c>: <c>PackageResults</c> is one object or an array.</summary>
internal sealed record ShipmentResultsWire
{
    [JsonPropertyName("ShipmentCharges")]
    public ShipmentChargesWire? ShipmentCharges { get; init; }

    [JsonPropertyName("NegotiatedRateCharges")]
    public NegotiatedChargesWire? NegotiatedRateCharges { get; init; }

    [JsonPropertyName("ShipmentIdentificationNumber")]
    public string? ShipmentIdentificationNumber { get; init; }

    [JsonPropertyName("PackageResults")]
    [JsonConverter(typeof(SingleOrArrayConverter<PackageResultWire>))]
    public List<PackageResultWire>? PackageResults { get; init; }
}
