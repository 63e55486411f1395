namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One XAV <c>Candidate</c>.</summary>
internal sealed record XavCandidateWire
{
    [JsonPropertyName("AddressClassification")]
    public CodeWire? AddressClassification { get; init; }

    [JsonPropertyName("AddressKeyFormat")]
    public XavAddressKeyFormatWire? AddressKeyFormat { get; init; }
}
