namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The <c>response</c> of a UPS error body.</summary>
internal sealed record ErrorListWire
{
    [JsonPropertyName("errors")]
    [JsonConverter(typeof(SingleOrArrayConverter<ErrorWire>))]
    public List<ErrorWire>? Errors { get; init; }
}
