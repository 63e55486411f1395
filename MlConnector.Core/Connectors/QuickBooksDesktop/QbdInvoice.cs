namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>What <c>InvoiceAdd</c> sends: an invoice keyed by <see cref="RefNumber"/> (the ShipStation order number) dated on the ship date.</summary>
/// <param name="CustomerFullName">The customer's full name in QuickBooks.</param>
/// <param name="TxnDate">The transaction date (the ship date in the company's time zone).</param>
/// <param name="RefNumber">The invoice number (max 11 characters in QuickBooks).</param>
/// <param name="Memo">The memo.</param>
/// <param name="Lines">The lines.</param>
public sealed record QbdInvoice(string CustomerFullName, DateOnly TxnDate, string RefNumber, string Memo, IReadOnlyList<QbdInvoiceLine> Lines)
{
    /// <summary>The PO number, if any.</summary>
    public string? PoNumber { get; init; }

    /// <summary>The ship date, if any.</summary>
    public DateOnly? ShipDate { get; init; }
}
