namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>
/// One element of the V1 <c>GET /fulfillments</c> answer, every documented field
/// (https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/ ;
/// https://docs.shipstation.com/apis/shipstation-v1/openapi/fulfillments). Datetimes are US Pacific wall-clock strings;
/// <c>shipDate</c> is a date sent as midnight (<c>2016-06-08T00:00:00.0000000</c>); <c>carrierCode</c> is free text here
/// (<c>FedEx</c>, <c>USPS</c>), not the normalised code of a label.
/// </summary>
internal sealed record V1FulfillmentWire
{
    [JsonPropertyName("fulfillmentId")]
    public long FulfillmentId { get; init; }

    [JsonPropertyName("orderId")]
    public long OrderId { get; init; }

    [JsonPropertyName("orderNumber")]
    public string? OrderNumber { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("customerEmail")]
    public string? CustomerEmail { get; init; }

    [JsonPropertyName("trackingNumber")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("createDate")]
    public string? CreateDate { get; init; }

    [JsonPropertyName("shipDate")]
    public string? ShipDate { get; init; }

    [JsonPropertyName("voidDate")]
    public string? VoidDate { get; init; }

    [JsonPropertyName("deliveryDate")]
    public string? DeliveryDate { get; init; }

    [JsonPropertyName("carrierCode")]
    public string? CarrierCode { get; init; }

    [JsonPropertyName("sellerFillProviderId")]
    public long? SellerFillProviderId { get; init; }

    [JsonPropertyName("sellerFillProviderName")]
    public string? SellerFillProviderName { get; init; }

    [JsonPropertyName("fulfillmentProviderCode")]
    public string? FulfillmentProviderCode { get; init; }

    [JsonPropertyName("fulfillmentServiceCode")]
    public string? FulfillmentServiceCode { get; init; }

    [JsonPropertyName("fulfillmentFee")]
    public decimal? FulfillmentFee { get; init; }

    [JsonPropertyName("voidRequested")]
    public bool VoidRequested { get; init; }

    [JsonPropertyName("voided")]
    public bool Voided { get; init; }

    [JsonPropertyName("marketplaceNotified")]
    public bool MarketplaceNotified { get; init; }

    [JsonPropertyName("notifyErrorMessage")]
    public string? NotifyErrorMessage { get; init; }

    [JsonPropertyName("shipTo")]
    public V1AddressWire? ShipTo { get; init; }
}
