namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>
/// A package status, in Tracking (<c>Status</c>: <c>type</c>, <c>code</c>, <c>description</c>, 3-digit <c>statusCode</c>) and
/// in Track Alert (<c>activityStatus</c>: the same with the 3-digit code named <c>descriptionCode</c>). <c>type</c> is D, I,
/// X, P, M, MV or U; <c>code</c> has 2 characters.
/// </summary>
internal sealed record TrackStatusWire
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("code")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Code { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("statusCode")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? StatusCode { get; init; }

    [JsonPropertyName("descriptionCode")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? DescriptionCode { get; init; }
}
