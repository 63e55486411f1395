namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Track Alert push body <c>TrackingEventRequest</c> (UPSTrackAlert.yaml <c>webhooks.TrackingEvent</c>).</summary>
internal sealed record TrackingEventWire
{
    [JsonPropertyName("trackingNumber")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("localActivityDate")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? LocalActivityDate { get; init; }

    [JsonPropertyName("localActivityTime")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? LocalActivityTime { get; init; }

    [JsonPropertyName("gmtActivityDate")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? GmtActivityDate { get; init; }

    [JsonPropertyName("gmtActivityTime")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? GmtActivityTime { get; init; }

    [JsonPropertyName("activityLocation")]
    public TrackingEventLocationWire? ActivityLocation { get; init; }

    [JsonPropertyName("activityStatus")]
    public TrackStatusWire? ActivityStatus { get; init; }

    [JsonPropertyName("scheduledDeliveryDate")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ScheduledDeliveryDate { get; init; }

    [JsonPropertyName("actualDeliveryDate")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ActualDeliveryDate { get; init; }
}
