namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShipmentCharges</c>.</summary>
internal sealed record ShipmentChargesWire
{
    [JsonPropertyName("TotalCharges")]
    public MoneyWire? TotalCharges { get; init; }
}
