namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Quantum View answer (<c>QUANTUMVIEWResponseWrapper</c>).</summary>
internal sealed record QuantumViewResponseWrapperWire
{
    [JsonPropertyName("QuantumViewResponse")]
    public QuantumViewResponseWire? QuantumViewResponse { get; init; }
}
