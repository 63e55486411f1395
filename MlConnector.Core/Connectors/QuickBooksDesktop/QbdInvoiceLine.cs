namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>An invoice line for <c>InvoiceLineAdd</c>: the item by full name, quantity and rate (money in the company's currency).</summary>
/// <param name="ItemFullName">The QuickBooks item's full name.</param>
/// <param name="Description">The description (<c>Desc</c>).</param>
/// <param name="Quantity">The quantity (QUANTYPE: up to 5 decimals).</param>
/// <param name="Rate">The unit price (PRICETYPE: up to 5 decimals).</param>
public sealed record QbdInvoiceLine(string ItemFullName, string Description, decimal Quantity, decimal Rate);
