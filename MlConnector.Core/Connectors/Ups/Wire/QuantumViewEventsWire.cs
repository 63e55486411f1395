namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>QuantumViewResponse_QuantumViewEvents</c>: the subscriber and its subscriptions' events.</summary>
internal sealed record QuantumViewEventsWire
{
    [JsonPropertyName("SubscriberID")]
    public string? SubscriberId { get; init; }

    [JsonPropertyName("SubscriptionEvents")]
    [JsonConverter(typeof(SingleOrArrayConverter<QuantumViewSubscriptionEventsWire>))]
    public List<QuantumViewSubscriptionEventsWire>? SubscriptionEvents { get; init; }
}
