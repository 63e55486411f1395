namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One UPS error or warning: <c>code</c> and <c>message</c>.</summary>
internal sealed record ErrorWire
{
    [JsonPropertyName("code")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
