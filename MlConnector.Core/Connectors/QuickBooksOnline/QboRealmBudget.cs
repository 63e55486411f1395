namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The room left right now in a QBO company's two rate budgets (<see cref="QuickBooksOnlineRatePolicies"/>), each counted
/// over its minute window: a snapshot to choose between them, not a reservation.
/// </summary>
/// <param name="Requests">Requests the realm's request budget could still grant now; every batch request spends one too.</param>
/// <param name="RequestLimit">The request budget per minute (450, under Intuit's 500).</param>
/// <param name="Batches">Batch requests the realm's batch budget could still grant now.</param>
/// <param name="BatchLimit">The batch budget per minute (38, under Intuit's 40).</param>
public sealed record QboRealmBudget(int Requests, int RequestLimit, int Batches, int BatchLimit);
