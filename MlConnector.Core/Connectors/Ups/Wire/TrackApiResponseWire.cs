namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Tracking answer (<c>TrackApiResponse</c>, Tracking.yaml).</summary>
internal sealed record TrackApiResponseWire
{
    [JsonPropertyName("trackResponse")]
    public TrackResponseWire? TrackResponse { get; init; }
}
