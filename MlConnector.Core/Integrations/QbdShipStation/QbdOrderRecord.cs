namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>A ShipStation order as the integration keeps it (see <see cref="QbdOrderStore"/>).</summary>
/// <param name="OrderId">ShipStation's order id.</param>
/// <param name="OrderNumber">The order number: the QuickBooks RefNumber.</param>
/// <param name="OrderStatus">ShipStation's status (<c>awaiting_shipment</c>, <c>shipped</c>, <c>cancelled</c>, …).</param>
/// <param name="CustomerFullName">The QuickBooks customer it maps to.</param>
/// <param name="Lines">Its product lines (adjustments excluded).</param>
/// <param name="ShippingAmount">Shipping charged to the buyer.</param>
/// <param name="OrderTotal">The order total (items, shipping and tax).</param>
/// <param name="Review">Its check against QuickBooks.</param>
/// <param name="Missing">What QuickBooks does not know (for <see cref="QbdOrderReview.NeedsReview"/>), for example <c>item GRINDER-X</c>.</param>
/// <param name="TxnId">The QuickBooks transaction recorded for it, once known.</param>
public sealed record QbdOrderRecord(
    long OrderId,
    string OrderNumber,
    string OrderStatus,
    string CustomerFullName,
    IReadOnlyList<QbdOrderLine> Lines,
    decimal ShippingAmount,
    decimal OrderTotal,
    QbdOrderReview Review,
    string? Missing,
    string? TxnId);
