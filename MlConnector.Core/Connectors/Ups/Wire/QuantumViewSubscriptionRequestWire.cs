namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>QuantumViewRequest_SubscriptionRequest</c>: a subscription by name (up to 21 alphanumerics).</summary>
internal sealed record QuantumViewSubscriptionRequestWire
{
    [JsonPropertyName("Name")]
    public string? Name { get; init; }
}
