namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>
/// <c>SubscriptionEvents_SubscriptionFile</c>: one file's events. Read here: <c>Origin</c> (picked up), <c>Exception</c>
/// and <c>Delivery</c>; <c>Manifest</c> and <c>Generic</c> carry no package status change and are not modelled.
/// </summary>
internal sealed record QuantumViewSubscriptionFileWire
{
    [JsonPropertyName("FileName")]
    public string? FileName { get; init; }

    [JsonPropertyName("Origin")]
    [JsonConverter(typeof(SingleOrArrayConverter<QuantumViewPackageEventWire>))]
    public List<QuantumViewPackageEventWire>? Origin { get; init; }

    [JsonPropertyName("Exception")]
    [JsonConverter(typeof(SingleOrArrayConverter<QuantumViewPackageEventWire>))]
    public List<QuantumViewPackageEventWire>? Exception { get; init; }

    [JsonPropertyName("Delivery")]
    [JsonConverter(typeof(SingleOrArrayConverter<QuantumViewPackageEventWire>))]
    public List<QuantumViewPackageEventWire>? Delivery { get; init; }
}
