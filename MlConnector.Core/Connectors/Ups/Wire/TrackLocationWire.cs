namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A Tracking <c>location</c>.</summary>
internal sealed record TrackLocationWire
{
    [JsonPropertyName("address")]
    public TrackAddressWire? Address { get; init; }
}
