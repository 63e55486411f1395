namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>The detail of an account-based expense line (<c>DetailType</c> <c>AccountBasedExpenseLineDetail</c>).</summary>
/// <param name="AccountRef">The expense account charged.</param>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>AccountBasedExpenseLineDetail</c>).</remarks>
public sealed record QboAccountBasedExpenseLineDetail(QboRef AccountRef);
