namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// What to change on an invoice. <see cref="Lines"/>, when given, is the invoice's complete line list (existing lines with
/// their <see cref="FreshBooksInvoiceLine.LineId"/>, new ones without): sending every line is correct whether FreshBooks
/// replaces or merges the list, so a line is never dropped by accident.
/// </summary>
public sealed record FreshBooksInvoiceUpdate
{
    /// <summary>The new notes, or <see langword="null"/> to leave them.</summary>
    public string? Notes { get; init; }

    /// <summary>The complete new line list, or <see langword="null"/> to leave the lines.</summary>
    public IReadOnlyList<FreshBooksInvoiceLine>? Lines { get; init; }
}
