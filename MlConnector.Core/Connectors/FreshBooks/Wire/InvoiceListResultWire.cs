namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary><c>result</c> of an invoice list: <c>invoices</c> with <c>page, pages, per_page, total</c>.</summary>
internal sealed class InvoiceListResultWire : PageWire
{
    [JsonPropertyName("invoices")]
    public List<InvoiceWire>? Invoices { get; set; }
}
