namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>The input of "FreshBooks invoice → UPS shipment": which invoice of which connection. Ids only; the invoice is read by GET.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="InvoiceId">The FreshBooks invoice id.</param>
public sealed record FreshBooksInvoiceRef(string ConnectionId, long InvoiceId);
