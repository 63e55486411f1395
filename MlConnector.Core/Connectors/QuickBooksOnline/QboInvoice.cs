namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>Invoice</c> (Finance.xsd), with the fields ml-connector reads and writes.</summary>
public sealed record QboInvoice
{
    /// <summary>QBO's id; null on create.</summary>
    public string? Id { get; init; }

    /// <summary>The optimistic-concurrency version; null on create.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The document number: ml-connector sets the ShipStation order number, and looks invoices up by it.</summary>
    public string? DocNumber { get; init; }

    /// <summary>The transaction date (yyyy-MM-dd, company time zone).</summary>
    public DateOnly? TxnDate { get; init; }

    /// <summary>The customer.</summary>
    public required QboRef CustomerRef { get; init; }

    /// <summary>The lines: products, then the separate shipping line.</summary>
    public IReadOnlyList<QboLine> Line { get; init; } = [];

    /// <summary>The ship date.</summary>
    public DateOnly? ShipDate { get; init; }

    /// <summary>The tracking number.</summary>
    public string? TrackingNum { get; init; }

    /// <summary>The ship method (QBO keeps it as a reference with a free-text name).</summary>
    public QboRef? ShipMethodRef { get; init; }

    /// <summary>A note not shown to the customer: ml-connector records its source (<c>ml-connector shipstation order …</c>) here.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>The memo shown to the customer: ml-connector writes the shipping status here.</summary>
    public QboMemo? CustomerMemo { get; init; }

    /// <summary>The bill-to e-mail.</summary>
    public QboEmailAddress? BillEmail { get; init; }

    /// <summary>The ship-to address.</summary>
    public QboPhysicalAddress? ShipAddr { get; init; }

    /// <summary>The transaction's custom field values, if the company defined any (IntuitBaseTypes.xsd <c>CustomField</c>).</summary>
    public IReadOnlyList<QboCustomField>? CustomField { get; init; }

    /// <summary>The total, computed by QBO.</summary>
    public decimal? TotalAmt { get; init; }

    /// <summary>Linked transactions, for example the <c>Estimate</c> the invoice bills (Finance.xsd <c>LinkedTxn</c>).</summary>
    public IReadOnlyList<QboLinkedTxn>? LinkedTxn { get; init; }
}
