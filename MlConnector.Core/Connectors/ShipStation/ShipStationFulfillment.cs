namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// A ShipStation V1 fulfillment: an order marked shipped without a ShipStation label (by a fulfillment provider, or
/// through the UI or API), as <c>GET /fulfillments</c> and the <c>resource_url</c> of a FULFILLMENT_SHIPPED webhook
/// list it.
/// </summary>
/// <remarks>
/// Source: https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/ and
/// https://docs.shipstation.com/apis/shipstation-v1/openapi/fulfillments ("Orders that have been marked as shipped either
/// through the UI or API will appear in the response as they are considered fulfillments"). V1 datetimes are US Pacific
/// wall-clock times, converted to UTC by <see cref="ShipStationPacificTime"/>.
/// </remarks>
public sealed record ShipStationFulfillment
{
    /// <summary>ShipStation's fulfillment id (<c>fulfillmentId</c>); its own id space, not a shipment id.</summary>
    public required long FulfillmentId { get; init; }

    /// <summary>The order's id (<c>orderId</c>).</summary>
    public long OrderId { get; init; }

    /// <summary>The order number (<c>orderNumber</c>): finds the QBO invoice by DocNumber.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>The buyer's e-mail (<c>customerEmail</c>).</summary>
    public string? CustomerEmail { get; init; }

    /// <summary>The tracking number (<c>trackingNumber</c>).</summary>
    public string? TrackingNumber { get; init; }

    /// <summary>When ShipStation recorded the fulfillment (<c>createDate</c>), in UTC.</summary>
    public DateTimeOffset CreateDateUtc { get; init; }

    /// <summary>The ship date (<c>shipDate</c>, a date; ShipStation gives no time), as UTC midnight of that date.</summary>
    public DateTimeOffset ShipDateUtc { get; init; }

    /// <summary>When the fulfillment was voided (<c>voidDate</c>), in UTC, or null.</summary>
    public DateTimeOffset? VoidDateUtc { get; init; }

    /// <summary>When the package was delivered (<c>deliveryDate</c>), in UTC, or null.</summary>
    public DateTimeOffset? DeliveryDateUtc { get; init; }

    /// <summary>
    /// The carrier (<c>carrierCode</c>). For fulfillments this is the text the provider or merchant entered, for example
    /// <c>FedEx</c> or <c>USPS</c> in ShipStation's own example, not a normalised carrier code such as <c>fedex</c>.
    /// </summary>
    public string? CarrierCode { get; init; }

    /// <summary>The seller fulfillment provider's id (<c>sellerFillProviderId</c>), or null.</summary>
    public long? SellerFillProviderId { get; init; }

    /// <summary>The seller fulfillment provider's name (<c>sellerFillProviderName</c>), or null.</summary>
    public string? SellerFillProviderName { get; init; }

    /// <summary>The fulfillment provider's code (<c>fulfillmentProviderCode</c>), or null.</summary>
    public string? FulfillmentProviderCode { get; init; }

    /// <summary>The fulfillment provider's service code (<c>fulfillmentServiceCode</c>), or null.</summary>
    public string? FulfillmentServiceCode { get; init; }

    /// <summary>What the provider charged (<c>fulfillmentFee</c>), in the account's currency; 0 when none.</summary>
    public decimal FulfillmentFee { get; init; }

    /// <summary>True when a void was requested (<c>voidRequested</c>).</summary>
    public bool VoidRequested { get; init; }

    /// <summary>True when the fulfillment was voided (<c>voided</c>): it does not count.</summary>
    public bool Voided { get; init; }

    /// <summary>True when ShipStation told the marketplace (<c>marketplaceNotified</c>).</summary>
    public bool MarketplaceNotified { get; init; }

    /// <summary>Why notifying the marketplace failed (<c>notifyErrorMessage</c>), or null.</summary>
    public string? NotifyErrorMessage { get; init; }

    /// <summary>Where it was shipped (<c>shipTo</c>).</summary>
    public ShipStationAddress? ShipTo { get; init; }
}
