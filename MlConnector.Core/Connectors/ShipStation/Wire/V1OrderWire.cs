namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 order fields ml-connector reads (https://docs.shipstation.com/apis/shipstation-v1/docs/models/order).</summary>
internal sealed record V1OrderWire
{
    [JsonPropertyName("orderId")]
    public long OrderId { get; init; }

    [JsonPropertyName("orderNumber")]
    public string? OrderNumber { get; init; }

    [JsonPropertyName("orderKey")]
    public string? OrderKey { get; init; }

    [JsonPropertyName("orderDate")]
    public string? OrderDate { get; init; }

    [JsonPropertyName("modifyDate")]
    public string? ModifyDate { get; init; }

    [JsonPropertyName("orderStatus")]
    public string? OrderStatus { get; init; }

    [JsonPropertyName("customerId")]
    public long? CustomerId { get; init; }

    [JsonPropertyName("customerEmail")]
    public string? CustomerEmail { get; init; }

    [JsonPropertyName("billTo")]
    public V1AddressWire? BillTo { get; init; }

    [JsonPropertyName("shipTo")]
    public V1AddressWire? ShipTo { get; init; }

    [JsonPropertyName("items")]
    public List<V1OrderItemWire>? Items { get; init; }

    [JsonPropertyName("orderTotal")]
    public decimal? OrderTotal { get; init; }

    [JsonPropertyName("amountPaid")]
    public decimal? AmountPaid { get; init; }

    [JsonPropertyName("taxAmount")]
    public decimal? TaxAmount { get; init; }

    [JsonPropertyName("shippingAmount")]
    public decimal? ShippingAmount { get; init; }

    [JsonPropertyName("requestedShippingService")]
    public string? RequestedShippingService { get; init; }

    [JsonPropertyName("carrierCode")]
    public string? CarrierCode { get; init; }

    [JsonPropertyName("serviceCode")]
    public string? ServiceCode { get; init; }

    [JsonPropertyName("advancedOptions")]
    public V1AdvancedOptionsWire? AdvancedOptions { get; init; }
}
