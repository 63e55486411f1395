namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>TransactionReference</c>: UPS echoes <c>CustomerContext</c> in the answer.</summary>
internal sealed record TransactionReferenceWire
{
    [JsonPropertyName("CustomerContext")]
    public string? CustomerContext { get; init; }
}
