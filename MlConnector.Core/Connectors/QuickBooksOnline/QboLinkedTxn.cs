namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// A QBO <c>LinkedTxn</c>: another transaction this one is related to, by id and type. On an Invoice, a link of type
/// <c>Estimate</c> names the estimate the invoice bills ("A list of Estimate Ids that are to be associated with the invoice.
/// Only Pending and Accepted Estimates can be specified. Closed and Rejected estimates will be ignored").
/// </summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>LinkedTxn</c>: <c>TxnId</c>, <c>TxnType</c>, <c>TxnLineId</c>);
/// https://developer.intuit.com/app/developer/qbo/docs/workflows/manage-linked-transactions.</remarks>
/// <param name="TxnId">The linked transaction's Id.</param>
/// <param name="TxnType">Its entity type, for example <c>Estimate</c> or <c>Payment</c>.</param>
public sealed record QboLinkedTxn(string TxnId, string TxnType)
{
    /// <summary>The <see cref="TxnType"/> of an estimate.</summary>
    public const string EstimateType = "Estimate";
}
