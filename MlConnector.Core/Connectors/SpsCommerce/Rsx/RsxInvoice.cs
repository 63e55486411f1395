namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX 7.7 <c>Invoice</c> (EDI 810) as ml-connector builds it (rsx-json-schema/v7.7.0/Invoices.json, <c>#/definitions/Invoice</c>).</summary>
/// <param name="Header"><c>Header</c> (required).</param>
/// <param name="LineItem"><c>LineItem[]</c>.</param>
/// <param name="Summary"><c>Summary</c>.</param>
public sealed record RsxInvoice(
    RsxInvoiceHeaderGroup Header,
    IReadOnlyList<RsxInvoiceLineItem>? LineItem = null,
    RsxInvoiceSummary? Summary = null);
