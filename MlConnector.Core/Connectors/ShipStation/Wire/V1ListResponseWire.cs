namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>
/// A V1 page: <c>{orders|shipments|fulfillments|products: [...], total, page, pages}</c> (V1 list orders, shipments,
/// fulfillments, products). ShipStation's own List Fulfillments example answers <c>"pages": 0</c> with results on page 1
/// (https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/), so callers stop at <c>pages &lt;= page</c>.
/// </summary>
internal sealed record V1ListResponseWire
{
    [JsonPropertyName("orders")]
    public List<V1OrderWire>? Orders { get; init; }

    [JsonPropertyName("shipments")]
    public List<V1ShipmentWire>? Shipments { get; init; }

    [JsonPropertyName("fulfillments")]
    public List<V1FulfillmentWire>? Fulfillments { get; init; }

    [JsonPropertyName("products")]
    public List<V1ProductWire>? Products { get; init; }

    [JsonPropertyName("total")]
    public int Total { get; init; }

    [JsonPropertyName("page")]
    public int Page { get; init; }

    [JsonPropertyName("pages")]
    public int Pages { get; init; }
}
