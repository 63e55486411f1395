namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V2 <c>webhook</c> schema (contracts/shipstation/v2/openapi.yaml).</summary>
internal sealed record V2WebhookWire
{
    [JsonPropertyName("webhook_id")]
    public string? WebhookId { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("event")]
    public string? Event { get; init; }
}
