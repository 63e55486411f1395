namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A Tracking <c>address</c>.</summary>
internal sealed record TrackAddressWire
{
    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("stateProvince")]
    public string? StateProvince { get; init; }

    [JsonPropertyName("countryCode")]
    public string? CountryCode { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }
}
