namespace MlConnector.Core.Integrations.QboSps;

/// <summary>The result of importing one 850 (ids only).</summary>
/// <param name="Path">The SPS path.</param>
/// <param name="Outcome">What happened in QBO.</param>
/// <param name="TradingPartnerId">The retailer.</param>
/// <param name="PurchaseOrderNumber">The retailer's PO number.</param>
/// <param name="QboPurchaseOrderId">The QBO PurchaseOrder id.</param>
public sealed record SpsOrderImportResult(string Path, SpsOrderImportOutcome Outcome, string TradingPartnerId, string PurchaseOrderNumber, string QboPurchaseOrderId);
