using MlConnector.Core.Connectors.ShipStation;

namespace MlConnector.Sandbox.ShipStation;

/// <summary>What a test or the demo asks <see cref="ShipStationSimulator.CreateOrder"/> to create; the simulator assigns orderId, orderKey and the dates.</summary>
/// <param name="OrderNumber">The merchant's order number.</param>
public sealed record ShipStationOrderDraft(string OrderNumber)
{
    /// <summary>ShipStation's customer id (V1 <c>customerId</c>); null when the order has no customer profile.</summary>
    public long? CustomerId { get; init; }

    /// <summary>The buyer's e-mail.</summary>
    public string? CustomerEmail { get; init; }

    /// <summary>The buyer's name (bill-to and ship-to name).</summary>
    public string? CustomerName { get; init; }

    /// <summary>The ship-to address; a US address for <see cref="CustomerName"/> when null.</summary>
    public ShipStationAddress? ShipTo { get; init; }

    /// <summary>The lines.</summary>
    public IReadOnlyList<ShipStationOrderItem> Items { get; init; } = [];

    /// <summary>Shipping charged to the buyer.</summary>
    public decimal ShippingAmount { get; init; }

    /// <summary>Tax charged.</summary>
    public decimal TaxAmount { get; init; }

    /// <summary>The buyer's chosen shipping service, for example <c>UPS Ground</c>.</summary>
    public string? RequestedShippingService { get; init; }

    /// <summary>The store, if any.</summary>
    public long? StoreId { get; init; }

    /// <summary>When the order was placed; now when null.</summary>
    public DateTimeOffset? OrderDateUtc { get; init; }

    /// <summary>The initial status. Default <c>awaiting_shipment</c>.</summary>
    public string OrderStatus { get; init; } = "awaiting_shipment";
}
