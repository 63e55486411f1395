namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One <c>RatedShipment</c>.</summary>
internal sealed record RatedShipmentWire
{
    [JsonPropertyName("Service")]
    public CodeWire? Service { get; init; }

    [JsonPropertyName("RatedShipmentAlert")]
    [JsonConverter(typeof(SingleOrArrayConverter<CodeWire>))]
    public List<CodeWire>? RatedShipmentAlert { get; init; }

    [JsonPropertyName("TotalCharges")]
    public MoneyWire? TotalCharges { get; init; }

    [JsonPropertyName("NegotiatedRateCharges")]
    public NegotiatedChargesWire? NegotiatedRateCharges { get; init; }
}
