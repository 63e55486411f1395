namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A shipment or package <c>ReferenceNumber</c>.</summary>
internal sealed record ReferenceNumberWire
{
    [JsonPropertyName("Value")]
    public required string Value { get; init; }
}
