namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>The detail of an item-based expense line (<c>DetailType</c> <c>ItemBasedExpenseLineDetail</c>).</summary>
/// <param name="ItemRef">The item bought.</param>
/// <param name="Qty">The quantity.</param>
/// <param name="UnitPrice">The unit price.</param>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>ItemBasedExpenseLineDetail</c>).</remarks>
public sealed record QboItemBasedExpenseLineDetail(QboRef ItemRef, decimal? Qty = null, decimal? UnitPrice = null);
