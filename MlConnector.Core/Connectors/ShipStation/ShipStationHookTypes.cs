namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// The V1 webhook events (<c>event</c> of <c>POST /webhooks/subscribe</c>, <c>resource_type</c> of a delivery):
/// https://docs.shipstation.com/apis/shipstation-v1/docs/webhooks/subscribe ; PROTOCOL-NOTES §5.
/// </summary>
public static class ShipStationHookTypes
{
    /// <summary>New orders were imported; <c>resource_url</c> lists them (<c>/orders?…importBatch=…</c>).</summary>
    public const string OrderNotify = "ORDER_NOTIFY";

    /// <summary>Like <see cref="OrderNotify"/>, item-level.</summary>
    public const string ItemOrderNotify = "ITEM_ORDER_NOTIFY";

    /// <summary>Labels were created; <c>resource_url</c> lists the shipments (<c>/shipments?…batchId=…</c>).</summary>
    public const string ShipNotify = "SHIP_NOTIFY";

    /// <summary>Like <see cref="ShipNotify"/>, item-level.</summary>
    public const string ItemShipNotify = "ITEM_SHIP_NOTIFY";

    /// <summary>A fulfillment provider shipped an order.</summary>
    public const string FulfillmentShipped = "FULFILLMENT_SHIPPED";

    /// <summary>A fulfillment provider rejected an order.</summary>
    public const string FulfillmentRejected = "FULFILLMENT_REJECTED";

    /// <summary>Every V1 event.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrderNotify, ItemOrderNotify, ShipNotify, ItemShipNotify, FulfillmentShipped, FulfillmentRejected,
    };
}
