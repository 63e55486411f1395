namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX 7.7 <c>OrderAck</c> (EDI 855 PO acknowledgement) header and lines (rsx-json-schema/v7.7.0/OrderAcks.json, <c>#/definitions/OrderAck</c>).</summary>
/// <param name="Header"><c>Header</c> (required).</param>
/// <param name="LineItem"><c>LineItem[]</c>: each acknowledged <c>OrderLine</c>.</param>
public sealed record RsxOrderAck(
    RsxOrderAckHeaderGroup Header,
    IReadOnlyList<RsxOrderLineItem>? LineItem = null);
