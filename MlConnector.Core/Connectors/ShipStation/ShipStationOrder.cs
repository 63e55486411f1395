namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// A ShipStation order (V1 <c>GET /orders</c> / <c>resource_url</c> of ORDER_NOTIFY), with the fields ml-connector uses.
/// Times are converted from ShipStation V1's US Pacific time to UTC by the client. Money is in the store's currency
/// (ShipStation V1 orders carry no currency code; the connection's QBO company currency applies).
/// </summary>
/// <remarks>Source: https://docs.shipstation.com/apis/shipstation-v1/docs/models/order (field names as in the V1 JSON).</remarks>
public sealed record ShipStationOrder
{
    /// <summary>ShipStation's numeric order id.</summary>
    public required long OrderId { get; init; }

    /// <summary>The merchant's order number: ml-connector's dedup key and the QBO invoice's DocNumber.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>ShipStation's unique order key.</summary>
    public string? OrderKey { get; init; }

    /// <summary>When the order was placed, UTC.</summary>
    public DateTimeOffset OrderDateUtc { get; init; }

    /// <summary>When the order was last modified, UTC (reconciliation watermark).</summary>
    public DateTimeOffset ModifyDateUtc { get; init; }

    /// <summary><c>awaiting_payment</c>, <c>awaiting_shipment</c>, <c>pending_fulfillment</c>, <c>shipped</c>, <c>on_hold</c>, <c>cancelled</c>.</summary>
    public required string OrderStatus { get; init; }

    /// <summary>The buyer's e-mail, used to match the QBO customer.</summary>
    public string? CustomerEmail { get; init; }

    /// <summary>The buyer's name (bill-to name), used to match or create the QBO customer.</summary>
    public string? CustomerName { get; init; }

    /// <summary>The ship-to address.</summary>
    public ShipStationAddress? ShipTo { get; init; }

    /// <summary>The product lines.</summary>
    public IReadOnlyList<ShipStationOrderItem> Items { get; init; } = [];

    /// <summary>Shipping charged to the buyer.</summary>
    public decimal ShippingAmount { get; init; }

    /// <summary>Tax charged on the order.</summary>
    public decimal TaxAmount { get; init; }

    /// <summary>The order total (V1 <c>orderTotal</c>: items, shipping and tax).</summary>
    public decimal OrderTotal { get; init; }

    /// <summary>Total the buyer paid.</summary>
    public decimal AmountPaid { get; init; }

    /// <summary>The shipping service the buyer chose (for example <c>UPS Ground</c>), mapped to a QBO shipping item.</summary>
    public string? RequestedShippingService { get; init; }

    /// <summary>The carrier chosen in ShipStation, once set.</summary>
    public string? CarrierCode { get; init; }

    /// <summary>The service chosen in ShipStation, once set.</summary>
    public string? ServiceCode { get; init; }

    /// <summary>The store the order came from.</summary>
    public long? StoreId { get; init; }

    /// <summary>True for <c>shipped</c> and <c>cancelled</c>: ShipStation's API cannot modify such orders.</summary>
    public bool IsTerminal => OrderStatus is "shipped" or "cancelled";
}
