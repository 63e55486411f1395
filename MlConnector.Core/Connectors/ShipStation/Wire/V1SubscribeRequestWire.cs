namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 <c>POST /webhooks/subscribe</c> body (contracts/shipstation/v1/webhook-subscribe.request.docs-example.json).</summary>
internal sealed record V1SubscribeRequestWire
{
    [JsonPropertyName("target_url")]
    public required string TargetUrl { get; init; }

    [JsonPropertyName("event")]
    public required string Event { get; init; }

    [JsonPropertyName("store_id")]
    public long? StoreId { get; init; }

    [JsonPropertyName("friendly_name")]
    public string? FriendlyName { get; init; }
}
