namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>QuickBooks' answer to a query, add or mod of an order's transaction, reduced to what the workflow decides on (activity output).</summary>
/// <param name="StatusCode">The qbXML <c>statusCode</c> (0 OK, 1 no match, 3140 invalid reference, 3200 stale EditSequence, …).</param>
/// <param name="StatusMessage">QuickBooks' <c>statusMessage</c>.</param>
/// <param name="TxnId">The transaction's <c>TxnID</c>, when one was returned.</param>
/// <param name="EditSequence">Its current <c>EditSequence</c>.</param>
/// <param name="HasShipment">True when its memo already names the shipment's tracking number (nothing to correct).</param>
/// <param name="Memo">Its memo (ml-connector's own text: order number, ship date, carrier and tracking).</param>
/// <param name="Amount">The amount QuickBooks holds: an invoice's <c>Subtotal</c>, or a journal entry's debit total; zero once voided (Intuit, TxnVoid: "sets its amount to zero"); null when not returned.</param>
public sealed record QbdTxnAnswer(int StatusCode, string StatusMessage, string? TxnId, string? EditSequence, bool HasShipment, string? Memo = null, decimal? Amount = null)
{
    /// <summary>True for status 0, 1 and warnings (500–999).</summary>
    public bool Succeeded => StatusCode is 0 or 1 or (>= 500 and <= 999);
}
