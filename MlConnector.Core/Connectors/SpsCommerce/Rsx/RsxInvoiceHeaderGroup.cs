namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Invoice.Header</c>.</summary>
/// <param name="InvoiceHeader"><c>InvoiceHeader</c> (required).</param>
/// <param name="Address"><c>Address[]</c>.</param>
public sealed record RsxInvoiceHeaderGroup(
    RsxInvoiceHeader InvoiceHeader,
    IReadOnlyList<RsxAddress>? Address = null);
