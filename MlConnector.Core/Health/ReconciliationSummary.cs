namespace MlConnector.Core.Health;

/// <summary>A connection's last reconciliation pass (from its audit row).</summary>
/// <param name="AtUtc">When it ran.</param>
/// <param name="Operation">Which reconciliation (<c>shipstation-qbo.reconcile</c>, <c>qbo.cdc.reconcile</c>).</param>
/// <param name="FoundSomething">True when it found work the webhooks had missed.</param>
/// <param name="Detail">What it found.</param>
public sealed record ReconciliationSummary(DateTimeOffset AtUtc, string Operation, bool FoundSomething, string? Detail);
