namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V2 <c>create_webhook_request_body</c> schema: <c>event</c> and <c>url</c> are required; nothing else is allowed but <c>headers</c>.</summary>
internal sealed record V2CreateWebhookRequestWire
{
    [JsonPropertyName("event")]
    public required string Event { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
