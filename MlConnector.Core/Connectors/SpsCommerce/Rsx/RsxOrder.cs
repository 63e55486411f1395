namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX 7.7 <c>Order</c> (EDI 850 purchase order) as far as ml-connector reads it; other fields of the document are ignored when read (rsx-json-schema/v7.7.0/Orders.json, <c>#/definitions/Order</c>).</summary>
/// <param name="Header"><c>Header</c>: the order header and its address loops (required).</param>
/// <param name="LineItem"><c>LineItem[]</c>: the lines.</param>
/// <param name="Summary"><c>Summary</c>: totals.</param>
public sealed record RsxOrder(
    RsxOrderHeaderGroup Header,
    IReadOnlyList<RsxOrderLineItem>? LineItem = null,
    RsxOrderSummary? Summary = null);
