namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Invoice.LineItem[].InvoiceLine</c>.</summary>
/// <param name="LineSequenceNumber">The line number (the PO line it bills).</param>
/// <param name="BuyerPartNumber">The retailer's item number.</param>
/// <param name="VendorPartNumber">The merchant's item number.</param>
/// <param name="ConsumerPackageCode">The UPC.</param>
/// <param name="InvoiceQty">The quantity invoiced.</param>
/// <param name="InvoiceQtyUOM">The unit, for example <c>EA</c>.</param>
/// <param name="PurchasePrice">The unit price.</param>
/// <param name="ShipQty">The quantity shipped.</param>
/// <param name="ShipQtyUOM">The unit shipped.</param>
public sealed record RsxInvoiceLine(
    string? LineSequenceNumber = null,
    string? BuyerPartNumber = null,
    string? VendorPartNumber = null,
    string? ConsumerPackageCode = null,
    decimal? InvoiceQty = null,
    string? InvoiceQtyUOM = null,
    decimal? PurchasePrice = null,
    decimal? ShipQty = null,
    string? ShipQtyUOM = null);
