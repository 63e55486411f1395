namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>activityLocation</c> of a Track Alert event.</summary>
internal sealed record TrackingEventLocationWire
{
    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("stateProvince")]
    public string? StateProvince { get; init; }

    [JsonPropertyName("postalCode")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? PostalCode { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }
}
