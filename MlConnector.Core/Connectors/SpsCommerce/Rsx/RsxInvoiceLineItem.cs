namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Invoice.LineItem[]</c>.</summary>
/// <param name="InvoiceLine"><c>InvoiceLine</c>.</param>
/// <param name="ProductOrItemDescription"><c>ProductOrItemDescription[]</c>.</param>
public sealed record RsxInvoiceLineItem(
    RsxInvoiceLine InvoiceLine,
    IReadOnlyList<RsxProductDescription>? ProductOrItemDescription = null);
