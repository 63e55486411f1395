namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO Bill: an amount payable to a vendor, here the freight charged by UPS.</summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>Bill</c> extends <c>PurchaseByVendor</c>).</remarks>
public sealed record QboBill
{
    /// <summary>The entity id.</summary>
    public string? Id { get; init; }

    /// <summary>The version for optimistic concurrency.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The bill number (the vendor's reference).</summary>
    public string? DocNumber { get; init; }

    /// <summary>The transaction date (company local date).</summary>
    public DateOnly? TxnDate { get; init; }

    /// <summary>The vendor owed.</summary>
    public required QboRef VendorRef { get; init; }

    /// <summary>The lines: account-based expense lines.</summary>
    public IReadOnlyList<QboLine> Line { get; init; } = [];

    /// <summary>The memo (internal; QBO shows it as the bill's memo).</summary>
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
