namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>QuantumViewEvents_SubscriptionEvents</c>: one subscription's files.</summary>
internal sealed record QuantumViewSubscriptionEventsWire
{
    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    [JsonPropertyName("SubscriptionFile")]
    [JsonConverter(typeof(SingleOrArrayConverter<QuantumViewSubscriptionFileWire>))]
    public List<QuantumViewSubscriptionFileWire>? SubscriptionFile { get; init; }
}
