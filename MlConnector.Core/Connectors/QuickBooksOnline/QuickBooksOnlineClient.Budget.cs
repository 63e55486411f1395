using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>The realm's rate budgets, read from the shared governors.</summary>
public sealed partial class QuickBooksOnlineClient
{
    /// <inheritdoc />
    public async Task<QboRealmBudget> GetBudgetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        var requests = governors.GetGovernor(Connector, company.RealmId);
        var batches = governors.GetGovernor(BatchBudget, company.RealmId);
        return new QboRealmBudget(requests.AvailablePermits, MinuteLimit(requests.Policy), batches.AvailablePermits, MinuteLimit(batches.Policy));
    }

    private static int MinuteLimit(RateLimitPolicy policy) =>
        policy.Windows.Count == 0 ? int.MaxValue : policy.Windows.MaxBy(w => w.Window)!.PermitLimit;
}
