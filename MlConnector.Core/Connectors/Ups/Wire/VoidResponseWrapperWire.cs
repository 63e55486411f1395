namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Void answer (<c>VOIDSHIPMENTResponseWrapper</c>).</summary>
internal sealed record VoidResponseWrapperWire
{
    [JsonPropertyName("VoidShipmentResponse")]
    public VoidResponseWire? VoidShipmentResponse { get; init; }
}
