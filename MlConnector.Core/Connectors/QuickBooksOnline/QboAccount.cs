namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>Account</c> (Finance.xsd), listed to validate account mappings.</summary>
/// <param name="Id">QBO's id.</param>
/// <param name="Name">The account name.</param>
/// <param name="AccountType">For example <c>Income</c>, <c>Expense</c>, <c>Cost of Goods Sold</c>.</param>
public sealed record QboAccount(string Id, string Name, string? AccountType)
{
    /// <summary>Whether the account is active.</summary>
    public bool Active { get; init; } = true;
}
