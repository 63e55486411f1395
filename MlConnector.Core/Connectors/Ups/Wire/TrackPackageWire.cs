namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One tracked <c>package</c>.</summary>
internal sealed record TrackPackageWire
{
    [JsonPropertyName("trackingNumber")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("currentStatus")]
    public TrackStatusWire? CurrentStatus { get; init; }

    [JsonPropertyName("activity")]
    [JsonConverter(typeof(SingleOrArrayConverter<TrackActivityWire>))]
    public List<TrackActivityWire>? Activity { get; init; }

    [JsonPropertyName("deliveryDate")]
    [JsonConverter(typeof(SingleOrArrayConverter<TrackDeliveryDateWire>))]
    public List<TrackDeliveryDateWire>? DeliveryDate { get; init; }
}
