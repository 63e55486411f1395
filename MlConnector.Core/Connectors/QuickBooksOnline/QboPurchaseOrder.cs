namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// A QBO PurchaseOrder: goods ordered from a vendor, with the vendor's address (where the goods come from) and the
/// ship-to address (where they go). Amounts are decimal in the company's home currency unless a currency is set on the
/// vendor.
/// </summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>PurchaseOrder</c> extends <c>PurchaseByVendor</c> extends <c>Transaction</c>).</remarks>
public sealed record QboPurchaseOrder
{
    /// <summary>The entity id.</summary>
    public string? Id { get; init; }

    /// <summary>The version for optimistic concurrency.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The PO number.</summary>
    public string? DocNumber { get; init; }

    /// <summary>The transaction date (company local date).</summary>
    public DateOnly? TxnDate { get; init; }

    /// <summary>The supplier.</summary>
    public QboRef? VendorRef { get; init; }

    /// <summary>The supplier's address: where the goods are picked up.</summary>
    public QboPhysicalAddress? VendorAddr { get; init; }

    /// <summary>Where the goods are shipped to.</summary>
    public QboPhysicalAddress? ShipAddr { get; init; }

    /// <summary>The requested ship method, if any.</summary>
    public QboRef? ShipMethodRef { get; init; }

    /// <summary>The lines (item-based or account-based expense lines).</summary>
    public IReadOnlyList<QboLine> Line { get; init; } = [];

    /// <summary>The total amount.</summary>
    public decimal? TotalAmt { get; init; }

    /// <summary><c>Open</c> or <c>Closed</c>.</summary>
    [JsonPropertyName("POStatus")]
    public string? POStatus { get; init; }

    /// <summary>The internal memo, not shown to the vendor.</summary>
    public string? PrivateNote { get; init; }
}
