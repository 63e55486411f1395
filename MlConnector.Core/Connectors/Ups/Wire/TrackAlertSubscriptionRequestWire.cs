namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Track Alert <c>PackageSubscriptionRequest</c> (UPSTrackAlert.yaml): <c>locale</c> is required (VSS300).</summary>
internal sealed record TrackAlertSubscriptionRequestWire
{
    [JsonPropertyName("locale")]
    public required string Locale { get; init; }

    [JsonPropertyName("countryCode")]
    public string? CountryCode { get; init; }

    [JsonPropertyName("trackingNumberList")]
    public required List<string> TrackingNumberList { get; init; }
}
