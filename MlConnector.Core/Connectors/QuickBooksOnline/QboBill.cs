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
}
