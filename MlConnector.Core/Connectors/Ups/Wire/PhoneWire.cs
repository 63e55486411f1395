namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A party's <c>Phone</c>.</summary>
internal sealed record PhoneWire
{
    [JsonPropertyName("Number")]
    public required string Number { get; init; }
}
