namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 <c>GET /webhooks</c> body: <c>{"webhooks": [...]}</c>.</summary>
internal sealed record V1WebhookListWire
{
    [JsonPropertyName("webhooks")]
    public List<V1WebhookWire>? Webhooks { get; init; }
}
