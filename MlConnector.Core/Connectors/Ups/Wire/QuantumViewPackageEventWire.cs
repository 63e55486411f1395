namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>
/// The fields <c>SubscriptionFile_Origin</c>, <c>SubscriptionFile_Exception</c> and <c>SubscriptionFile_Delivery</c>
/// share (QuantumView.yaml): tracking number, local <c>Date</c> (YYYYMMDD) and <c>Time</c> (HHMMSS), and, for an
/// exception, its status and reason descriptions.
/// </summary>
internal sealed record QuantumViewPackageEventWire
{
    [JsonPropertyName("TrackingNumber")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("ShipperNumber")]
    public string? ShipperNumber { get; init; }

    [JsonPropertyName("Date")]
    public string? Date { get; init; }

    [JsonPropertyName("Time")]
    public string? Time { get; init; }

    [JsonPropertyName("StatusCode")]
    public string? StatusCode { get; init; }

    [JsonPropertyName("StatusDescription")]
    public string? StatusDescription { get; init; }

    [JsonPropertyName("ReasonDescription")]
    public string? ReasonDescription { get; init; }
}
