namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Queue a query, add or mod of an order's QuickBooks transaction (activity input).</summary>
/// <param name="Shipment">The shipment being recorded.</param>
/// <param name="RequestId">The qbXML request id (deterministic, from the workflow).</param>
/// <param name="Posting"><c>invoice</c> or <c>journal</c>.</param>
/// <param name="TxnDate">The transaction date (the ship date in the company's calendar).</param>
/// <param name="TxnId">For a mod: the invoice's <c>TxnID</c>.</param>
/// <param name="EditSequence">For a mod: its current <c>EditSequence</c>.</param>
/// <param name="CurrentMemo">For a mod: the invoice's memo as QuickBooks last returned it (the shipment is appended).</param>
/// <param name="ReplacesRequestId">For an add: this run's earlier add, unconfirmed and not found by the re-query (it never ran), whose reservation is released first.</param>
public sealed record QbdTxnRequest(QbdShipmentRef Shipment, string RequestId, string Posting, DateOnly TxnDate, string? TxnId = null, string? EditSequence = null, string? CurrentMemo = null, string? ReplacesRequestId = null);
