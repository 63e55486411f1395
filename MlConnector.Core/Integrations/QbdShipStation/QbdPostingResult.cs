namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>What the shipment workflow did (workflow output).</summary>
/// <param name="OrderNumber">The order number.</param>
/// <param name="Outcome"><c>created</c>, <c>found</c> (already recorded), <c>updated</c> (InvoiceMod), or <c>flagged</c> (unknown customer or item: nothing created).</param>
/// <param name="TxnId">The QuickBooks <c>TxnID</c>, when there is one.</param>
/// <param name="Detail">What a person reads.</param>
public sealed record QbdPostingResult(string OrderNumber, string Outcome, string? TxnId, string Detail);
