namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX 7.7 <c>Shipment</c> (EDI 856 advance ship notice) in the order/pack/item structure (rsx-json-schema/v7.7.0/Shipments.json, <c>#/definitions/Shipment</c>).</summary>
/// <param name="Header"><c>Header</c> (required).</param>
/// <param name="OrderLevel"><c>OrderLevel[]</c>: one per PO shipped.</param>
/// <param name="Summary"><c>Summary</c>.</param>
public sealed record RsxShipment(
    RsxShipmentHeaderGroup Header,
    IReadOnlyList<RsxShipmentOrderLevel>? OrderLevel = null,
    RsxShipmentSummary? Summary = null);
