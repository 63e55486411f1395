namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>BillShipper</c>: the shipper's UPS account number (a secret of the connection).</summary>
internal sealed record BillShipperWire
{
    [JsonPropertyName("AccountNumber")]
    public required string AccountNumber { get; init; }
}
