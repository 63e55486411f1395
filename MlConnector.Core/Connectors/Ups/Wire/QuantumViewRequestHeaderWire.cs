namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>QuantumViewRequest_Request</c>: <c>RequestAction</c> is always <c>QVEvents</c> (QuantumView.yaml).</summary>
internal sealed record QuantumViewRequestHeaderWire
{
    [JsonPropertyName("TransactionReference")]
    public TransactionReferenceWire? TransactionReference { get; init; }

    [JsonPropertyName("RequestAction")]
    public string RequestAction { get; init; } = "QVEvents";
}
