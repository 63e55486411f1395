namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 product fields ml-connector reads (V1 <c>GET /products</c>).</summary>
internal sealed record V1ProductWire
{
    [JsonPropertyName("productId")]
    public long ProductId { get; init; }

    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("price")]
    public decimal? Price { get; init; }

    [JsonPropertyName("active")]
    public bool Active { get; init; }
}
