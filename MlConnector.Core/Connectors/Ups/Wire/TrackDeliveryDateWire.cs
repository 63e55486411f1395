namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One Tracking <c>deliveryDate</c>: <c>type</c> SDD scheduled, RDD rescheduled, DEL delivered; <c>date</c> YYYYMMDD.</summary>
internal sealed record TrackDeliveryDateWire
{
    [JsonPropertyName("date")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Date { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
