namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 order item model (<c>items[]</c>).</summary>
internal sealed record V1OrderItemWire
{
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("quantity")]
    public int Quantity { get; init; }

    [JsonPropertyName("unitPrice")]
    public decimal? UnitPrice { get; init; }

    [JsonPropertyName("adjustment")]
    public bool Adjustment { get; init; }
}
