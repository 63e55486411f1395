namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// The business document a UPS shipment is made for, named neutrally so every integration that ships uses the one
/// shared shipping piece: a QBO purchase order (<c>qbo-po</c>), a FreshBooks invoice (<c>freshbooks-invoice</c>), ….
/// </summary>
/// <param name="System">The source system and document type, for example <c>qbo-po</c> or <c>freshbooks-invoice</c>; the ledger's source system.</param>
/// <param name="Id">The document's id in that system (QBO PurchaseOrder Id, FreshBooks invoice id).</param>
/// <param name="Number">The number people know it by (PO DocNumber, invoice number); its id when it has none.</param>
/// <param name="Title">What people call the document, for audit rows and error messages: <c>PO</c>, <c>Invoice</c>.</param>
public sealed record SourceDocument(string System, string Id, string Number, string Title)
{
    /// <summary>The document as people name it, for example <c>PO 1001</c>.</summary>
    /// <returns>The title and number.</returns>
    public string Describe() => $"{Title} {Number}";
}
