namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V2 <c>error_response_body</c> schema: <c>{request_id, errors: [...]}</c>.</summary>
internal sealed record V2ErrorResponseWire
{
    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    [JsonPropertyName("errors")]
    public List<V2ErrorWire>? Errors { get; init; }
}
