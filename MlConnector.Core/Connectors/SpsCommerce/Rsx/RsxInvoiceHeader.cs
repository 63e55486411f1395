namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Invoice.Header.InvoiceHeader</c> (<c>TradingPartnerId</c> and <c>InvoiceNumber</c> are required by the schema).</summary>
/// <param name="TradingPartnerId">The trading partner the invoice goes to.</param>
/// <param name="InvoiceNumber">The merchant's invoice number (QBO DocNumber).</param>
/// <param name="InvoiceDate">The invoice date, <c>yyyy-MM-dd</c>.</param>
/// <param name="PurchaseOrderDate">The PO's date, <c>yyyy-MM-dd</c>.</param>
/// <param name="PurchaseOrderNumber">The retailer's PO number the invoice bills.</param>
/// <param name="InvoiceTypeCode">X12 BIG07: <c>DR</c> debit invoice, <c>CR</c> credit memo.</param>
/// <param name="TsetPurposeCode">X12 BIG08: <c>00</c> original, <c>05</c> replace.</param>
/// <param name="BuyersCurrency">ISO 4217 currency.</param>
/// <param name="Vendor">The merchant's vendor number at the retailer.</param>
/// <param name="ShipDate">The ship date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Department">The retailer's department the PO was for, when a partner asks for it.</param>
public sealed record RsxInvoiceHeader(
    string? TradingPartnerId = null,
    string? InvoiceNumber = null,
    string? InvoiceDate = null,
    string? PurchaseOrderDate = null,
    string? PurchaseOrderNumber = null,
    string? InvoiceTypeCode = null,
    string? TsetPurposeCode = null,
    string? BuyersCurrency = null,
    string? Vendor = null,
    string? ShipDate = null,
    string? Department = null);
