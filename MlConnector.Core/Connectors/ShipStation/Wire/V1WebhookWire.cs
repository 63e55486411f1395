namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>A V1 webhook subscription as <c>GET /webhooks</c> lists it (PascalCase names: <c>WebHookID</c>, <c>HookType</c>, <c>Url</c>, <c>Name</c>).</summary>
internal sealed record V1WebhookWire
{
    [JsonPropertyName("WebHookID")]
    public long WebHookId { get; init; }

    [JsonPropertyName("HookType")]
    public string? HookType { get; init; }

    [JsonPropertyName("Url")]
    public string? Url { get; init; }

    [JsonPropertyName("Name")]
    public string? Name { get; init; }
}
