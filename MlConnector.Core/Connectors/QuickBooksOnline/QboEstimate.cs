namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// A QBO Estimate: a sales document to a customer (QBO's sales-order equivalent), with sales item lines; an Invoice
/// bills it through a <see cref="QboLinkedTxn"/> of type <c>Estimate</c>. Amounts are decimal in the company's home
/// currency unless a currency is set on the customer.
/// </summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>Estimate</c> extends <c>SalesTransaction</c> extends
/// <c>Transaction</c>; its <c>TxnStatus</c> takes <c>QboEstimateStatusEnum</c>: Accepted, Closed, Pending, Rejected).</remarks>
public sealed record QboEstimate
{
    /// <summary>The <c>TxnStatus</c> of an estimate waiting for the customer's answer.</summary>
    public const string PendingStatus = "Pending";

    /// <summary>The <c>TxnStatus</c> of a closed estimate: an invoice can no longer be linked to it.</summary>
    public const string ClosedStatus = "Closed";

    /// <summary>The entity id.</summary>
    public string? Id { get; init; }

    /// <summary>The version for optimistic concurrency.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The estimate number (at most 21 characters).</summary>
    public string? DocNumber { get; init; }

    /// <summary>The transaction date (company local date).</summary>
    public DateOnly? TxnDate { get; init; }

    /// <summary>The customer the estimate is for.</summary>
    public required QboRef CustomerRef { get; init; }

    /// <summary>The lines (<c>SalesItemLineDetail</c> lines).</summary>
    public IReadOnlyList<QboLine> Line { get; init; } = [];

    /// <summary>The total, computed by QBO.</summary>
    public decimal? TotalAmt { get; init; }

    /// <summary><c>Pending</c>, <c>Accepted</c>, <c>Closed</c> or <c>Rejected</c>.</summary>
    public string? TxnStatus { get; init; }

    /// <summary>The internal memo, not shown to the customer.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>The ship date requested.</summary>
    public DateOnly? ShipDate { get; init; }

    /// <summary>Transactions linked to the estimate (for example the invoice that billed it).</summary>
    public IReadOnlyList<QboLinkedTxn>? LinkedTxn { get; init; }
}
