namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>Rating <c>PaymentDetails</c> / Shipping <c>PaymentInformation</c>: who pays which charges.</summary>
internal sealed record PaymentWire
{
    [JsonPropertyName("ShipmentCharge")]
    public required List<ShipmentChargeWire> ShipmentCharge { get; init; }
}
