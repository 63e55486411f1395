namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V2 <c>error</c> schema (required: <c>error_source</c>, <c>error_type</c>, <c>error_code</c>, <c>message</c>).</summary>
internal sealed record V2ErrorWire
{
    [JsonPropertyName("error_source")]
    public string? ErrorSource { get; init; }

    [JsonPropertyName("error_type")]
    public string? ErrorType { get; init; }

    [JsonPropertyName("error_code")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
