namespace MlConnector.Core.Intake.ShipStation;

/// <summary>The ShipStation V1 webhook events this integration handles (PROTOCOL-NOTES.md §5).</summary>
public static class ShipStationWebhookEvents
{
    /// <summary>New orders: <c>resource_url</c> lists orders.</summary>
    public const string OrderNotify = "ORDER_NOTIFY";

    /// <summary>New shipments: <c>resource_url</c> lists shipments.</summary>
    public const string ShipNotify = "SHIP_NOTIFY";

    /// <summary>Orders fulfilled outside ShipStation: <c>resource_url</c> lists fulfillments.</summary>
    public const string FulfillmentShipped = "FULFILLMENT_SHIPPED";

    /// <summary>All three.</summary>
    public static IReadOnlyList<string> All { get; } = [OrderNotify, ShipNotify, FulfillmentShipped];
}
