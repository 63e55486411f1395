namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>AddressKeyFormat</c> of an XAV request or candidate (<c>AddressLine</c> is an array in the spec, a string in some answers).</summary>
internal sealed record XavAddressKeyFormatWire
{
    [JsonPropertyName("ConsigneeName")]
    public string? ConsigneeName { get; init; }

    [JsonPropertyName("AttentionName")]
    public string? AttentionName { get; init; }

    [JsonPropertyName("AddressLine")]
    [JsonConverter(typeof(SingleOrArrayConverter<string>))]
    public List<string>? AddressLine { get; init; }

    [JsonPropertyName("PoliticalDivision2")]
    public string? PoliticalDivision2 { get; init; }

    [JsonPropertyName("PoliticalDivision1")]
    public string? PoliticalDivision1 { get; init; }

    [JsonPropertyName("PostcodePrimaryLow")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? PostcodePrimaryLow { get; init; }

    [JsonPropertyName("PostcodeExtendedLow")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? PostcodeExtendedLow { get; init; }

    [JsonPropertyName("CountryCode")]
    public string? CountryCode { get; init; }
}
