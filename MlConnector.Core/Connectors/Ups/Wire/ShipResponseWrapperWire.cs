namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Ship answer (<c>SHIPResponseWrapper</c>).</summary>
internal sealed record ShipResponseWrapperWire
{
    [JsonPropertyName("ShipmentResponse")]
    public ShipResponseWire? ShipmentResponse { get; init; }
}
