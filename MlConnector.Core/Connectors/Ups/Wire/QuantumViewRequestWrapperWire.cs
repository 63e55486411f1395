namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Quantum View request body (<c>QUANTUMVIEWRequestWrapper</c>, QuantumView.yaml).</summary>
internal sealed record QuantumViewRequestWrapperWire
{
    [JsonPropertyName("QuantumViewRequest")]
    public required QuantumViewRequestWire QuantumViewRequest { get; init; }
}
