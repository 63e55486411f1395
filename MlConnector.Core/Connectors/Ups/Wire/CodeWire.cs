namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A UPS <c>{Code, Description}</c> container (service, packaging, unit, status, alert, classification).</summary>
internal sealed record CodeWire
{
    [JsonPropertyName("Code")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Code { get; init; }

    [JsonPropertyName("Description")]
    public string? Description { get; init; }
}
