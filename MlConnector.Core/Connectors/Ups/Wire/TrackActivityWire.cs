namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One Tracking <c>activity</c> (most recent first): local <c>date</c>/<c>time</c> and GMT <c>gmtDate</c>/<c>gmtTime</c>.</summary>
internal sealed record TrackActivityWire
{
    [JsonPropertyName("date")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Date { get; init; }

    [JsonPropertyName("time")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Time { get; init; }

    [JsonPropertyName("gmtDate")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? GmtDate { get; init; }

    [JsonPropertyName("gmtTime")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? GmtTime { get; init; }

    [JsonPropertyName("location")]
    public TrackLocationWire? Location { get; init; }

    [JsonPropertyName("status")]
    public TrackStatusWire? Status { get; init; }
}
