namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO transaction <c>Line</c> (Finance.xsd). ml-connector writes <c>SalesItemLineDetail</c> lines on invoices.</summary>
public sealed record QboLine
{
    /// <summary>The line id within the transaction (set by QBO).</summary>
    public string? Id { get; init; }

    /// <summary><c>SalesItemLineDetail</c>, <c>SubTotalLineDetail</c>, <c>AccountBasedExpenseLineDetail</c>…</summary>
    public required string DetailType { get; init; }

    /// <summary>The line amount, in the company currency.</summary>
    public decimal Amount { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }

    /// <summary>The detail for <c>SalesItemLineDetail</c> lines.</summary>
    public QboSalesItemLineDetail? SalesItemLineDetail { get; init; }

    /// <summary>The detail when <see cref="DetailType"/> is <c>AccountBasedExpenseLineDetail</c> (bills, purchase orders).</summary>
    public QboAccountBasedExpenseLineDetail? AccountBasedExpenseLineDetail { get; init; }

    /// <summary>The detail when <see cref="DetailType"/> is <c>ItemBasedExpenseLineDetail</c> (bills, purchase orders).</summary>
    public QboItemBasedExpenseLineDetail? ItemBasedExpenseLineDetail { get; init; }

    /// <summary>The detail when <see cref="DetailType"/> is <c>JournalEntryLineDetail</c>.</summary>
    public QboJournalEntryLineDetail? JournalEntryLineDetail { get; init; }
}
