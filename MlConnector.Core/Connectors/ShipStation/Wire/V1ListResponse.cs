namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>A V1 page: <c>{orders|shipments|products: [...], total, page, pages}</c> (V1 list orders/shipments/products).</summary>
internal sealed record V1ListResponse
{
    [JsonPropertyName("orders")]
    public List<V1Order>? Orders { get; init; }

    [JsonPropertyName("shipments")]
    public List<V1Shipment>? Shipments { get; init; }

    [JsonPropertyName("products")]
    public List<V1Product>? Products { get; init; }

    [JsonPropertyName("total")]
    public int Total { get; init; }

    [JsonPropertyName("page")]
    public int Page { get; init; }

    [JsonPropertyName("pages")]
    public int Pages { get; init; }
}
