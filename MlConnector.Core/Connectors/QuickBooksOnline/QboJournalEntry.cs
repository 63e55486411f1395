namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO JournalEntry: balanced debit and credit lines.</summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>JournalEntry</c>, <c>JournalEntryLineDetail</c>).</remarks>
public sealed record QboJournalEntry
{
    /// <summary>The entity id.</summary>
    public string? Id { get; init; }

    /// <summary>The version for optimistic concurrency.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The entry number.</summary>
    public string? DocNumber { get; init; }

    /// <summary>The transaction date (company local date).</summary>
    public DateOnly? TxnDate { get; init; }

    /// <summary>The lines (<c>JournalEntryLineDetail</c>); debits must equal credits.</summary>
    public IReadOnlyList<QboLine> Line { get; init; } = [];

    /// <summary>The memo.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>The total amount.</summary>
    public decimal? TotalAmt { get; init; }

    /// <summary>
    /// The currency all amounts are in (<c>value</c> = ISO 4217 code); QBO's home currency when absent. Only a company with
    /// multicurrency on takes another (Finance.xsd <c>Transaction.CurrencyRef</c>).
    /// </summary>
    public QboRef? CurrencyRef { get; init; }

    /// <summary>Home-currency units per one unit of <see cref="CurrencyRef"/>; with a foreign <see cref="CurrencyRef"/> only (Finance.xsd <c>Transaction.ExchangeRate</c>).</summary>
    public decimal? ExchangeRate { get; init; }
}
