namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The <c>Request</c> container of a Rate or Ship request.</summary>
internal sealed record RequestWire
{
    [JsonPropertyName("RequestOption")]
    public required string RequestOption { get; init; }

    [JsonPropertyName("SubVersion")]
    public string? SubVersion { get; init; }

    [JsonPropertyName("TransactionReference")]
    public TransactionReferenceWire? TransactionReference { get; init; }
}
