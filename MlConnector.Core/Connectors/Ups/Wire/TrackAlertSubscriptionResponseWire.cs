namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Track Alert <c>PackageSubscriptionSuccessResponse</c>.</summary>
internal sealed record TrackAlertSubscriptionResponseWire
{
    [JsonPropertyName("validTrackingNumbers")]
    [JsonConverter(typeof(SingleOrArrayConverter<string>))]
    public List<string>? ValidTrackingNumbers { get; init; }

    [JsonPropertyName("invalidTrackingNumbers")]
    [JsonConverter(typeof(SingleOrArrayConverter<string>))]
    public List<string>? InvalidTrackingNumbers { get; init; }
}
