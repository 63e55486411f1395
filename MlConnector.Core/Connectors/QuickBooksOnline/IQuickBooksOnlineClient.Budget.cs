namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>The realm's rate budgets, read by callers that can do the same work on either.</summary>
public partial interface IQuickBooksOnlineClient
{
    /// <summary>
    /// The room left now in the connection's QBO company's request and batch budgets (no request is sent). QBO counts
    /// both per realm: 500 requests/min and 40 batch requests/min (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles;
    /// PROTOCOL-NOTES.md §2 "Throttling").
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels reading the connection.</param>
    /// <returns>The room in each budget.</returns>
    /// <exception cref="Errors.ConnectorAuthException">When the connection has no QBO company.</exception>
    Task<QboRealmBudget> GetBudgetAsync(string connectionId, CancellationToken cancellationToken = default);
}
