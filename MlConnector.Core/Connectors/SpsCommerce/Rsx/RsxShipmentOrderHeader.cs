namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Shipment.OrderLevel[].OrderHeader</c>.</summary>
/// <param name="PurchaseOrderNumber">The retailer's PO number.</param>
/// <param name="PurchaseOrderDate">The PO date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Vendor">The merchant's vendor number at the retailer.</param>
public sealed record RsxShipmentOrderHeader(
    string? PurchaseOrderNumber = null,
    string? PurchaseOrderDate = null,
    string? Vendor = null);
