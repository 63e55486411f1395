namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Ship request body (<c>SHIPRequestWrapper</c>, Shipping.yaml).</summary>
internal sealed record ShipRequestWrapperWire
{
    [JsonPropertyName("ShipmentRequest")]
    public required ShipRequestWire ShipmentRequest { get; init; }
}
