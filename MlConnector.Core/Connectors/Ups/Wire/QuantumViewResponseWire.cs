namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>QuantumViewResponse</c>: the events and, when there is more, the bookmark of the next page.</summary>
internal sealed record QuantumViewResponseWire
{
    [JsonPropertyName("QuantumViewEvents")]
    public QuantumViewEventsWire? QuantumViewEvents { get; init; }

    [JsonPropertyName("Bookmark")]
    public string? Bookmark { get; init; }
}
