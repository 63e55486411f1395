namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The <c>Address</c> of a Rate or Ship party.</summary>
internal sealed record AddressWire
{
    [JsonPropertyName("AddressLine")]
    public required List<string> AddressLine { get; init; }

    [JsonPropertyName("City")]
    public required string City { get; init; }

    [JsonPropertyName("StateProvinceCode")]
    public string? StateProvinceCode { get; init; }

    [JsonPropertyName("PostalCode")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("CountryCode")]
    public required string CountryCode { get; init; }
}
