namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>An invoice line (java-sdk-fixtures/get_invoice_response.json <c>lines[]</c>).</summary>
/// <param name="LineId">FreshBooks' line id; <see langword="null"/> for a line not yet saved.</param>
/// <param name="Name">The item name.</param>
/// <param name="Description">The description.</param>
/// <param name="Quantity">The quantity.</param>
/// <param name="UnitCost">The unit cost in <paramref name="CurrencyCode"/>.</param>
/// <param name="CurrencyCode">The ISO 4217 currency of the unit cost.</param>
/// <param name="Type">FreshBooks' line type: 0 normal, 1 expense.</param>
public sealed record FreshBooksInvoiceLine(long? LineId, string Name, string Description, decimal Quantity, decimal UnitCost, string CurrencyCode, int Type = 0);
