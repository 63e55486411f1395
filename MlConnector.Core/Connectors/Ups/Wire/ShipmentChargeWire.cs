namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One <c>ShipmentCharge</c>: type <c>01</c> (transportation) billed to the shipper.</summary>
internal sealed record ShipmentChargeWire
{
    [JsonPropertyName("Type")]
    public required string Type { get; init; }

    [JsonPropertyName("BillShipper")]
    public required BillShipperWire BillShipper { get; init; }
}
