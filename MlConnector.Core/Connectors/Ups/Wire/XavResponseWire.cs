namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>XAVResponse</c>: the indicators are present (usually as <c>""</c>) or absent.</summary>
internal sealed record XavResponseWire
{
    [JsonPropertyName("ValidAddressIndicator")]
    public JsonElement? ValidAddressIndicator { get; init; }

    [JsonPropertyName("AmbiguousAddressIndicator")]
    public JsonElement? AmbiguousAddressIndicator { get; init; }

    [JsonPropertyName("NoCandidatesIndicator")]
    public JsonElement? NoCandidatesIndicator { get; init; }

    [JsonPropertyName("AddressClassification")]
    public CodeWire? AddressClassification { get; init; }

    [JsonPropertyName("Candidate")]
    [JsonConverter(typeof(SingleOrArrayConverter<XavCandidateWire>))]
    public List<XavCandidateWire>? Candidate { get; init; }
}
