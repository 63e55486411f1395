namespace MlConnector.Core.Integrations.QboSps;

/// <summary>The result of importing one 850 (ids only).</summary>
/// <param name="Path">The SPS path.</param>
/// <param name="Outcome">What happened in QBO.</param>
/// <param name="TradingPartnerId">The retailer.</param>
/// <param name="PurchaseOrderNumber">The retailer's PO number.</param>
/// <param name="QboPurchaseOrderId">The id of the QBO document: a PurchaseOrder, or an Estimate when <see cref="QboEntity"/> says so.</param>
public sealed record SpsOrderImportResult(string Path, SpsOrderImportOutcome Outcome, string TradingPartnerId, string PurchaseOrderNumber, string QboPurchaseOrderId)
{
    /// <summary>The QBO entity written: <c>PurchaseOrder</c> (the default) or <c>Estimate</c> (see <see cref="QboSpsOrderPosting"/>).</summary>
    public string QboEntity { get; init; } = "PurchaseOrder";
}
