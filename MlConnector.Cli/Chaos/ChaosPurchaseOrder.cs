namespace MlConnector.Cli.Chaos;

/// <summary>One trading partner's purchase order (850) driven through <c>qbo-sps</c> under chaos, and what became of it.</summary>
/// <param name="Partner">The trading partner id.</param>
/// <param name="Number">The PO number.</param>
/// <param name="InvoiceNumber">The QBO invoice's DocNumber for it (the 810's InvoiceNumber and the 856's ShipmentIdentification).</param>
/// <param name="TrackingNumber">The invoice's tracking number, so it ships (856).</param>
internal sealed record ChaosPurchaseOrder(string Partner, string Number, string InvoiceNumber, string TrackingNumber)
{
    /// <summary>The record's key in the reconciliation: <c>{partner}/{PO number}</c>.</summary>
    public string Key => $"{Partner}/{Number}";

    /// <summary>Every SPS <c>data/out/</c> file name this PO was sent under (once per time the partner sent it).</summary>
    public List<string> Files { get; } = [];

    /// <summary>
    /// The total quantity the QBO purchase order must order (the sum of the 850's <c>OrderQty</c>): the original's, or
    /// the revision's once the partner revised the PO.
    /// </summary>
    public decimal Quantity { get; set; }

    /// <summary>True once the partner sent a revision (<c>TsetPurposeCode</c> 05) of this PO.</summary>
    public bool Revised { get; set; }

    /// <summary>The QBO invoice id, once invoiced.</summary>
    public string? InvoiceId { get; set; }
}
