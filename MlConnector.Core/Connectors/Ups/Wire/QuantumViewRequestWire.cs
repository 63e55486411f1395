namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>QuantumViewRequest</c>: the action, the subscriptions asked for, and the bookmark of the next page.</summary>
internal sealed record QuantumViewRequestWire
{
    [JsonPropertyName("Request")]
    public required QuantumViewRequestHeaderWire Request { get; init; }

    [JsonPropertyName("SubscriptionRequest")]
    public List<QuantumViewSubscriptionRequestWire>? SubscriptionRequest { get; init; }

    [JsonPropertyName("Bookmark")]
    public string? Bookmark { get; init; }
}
