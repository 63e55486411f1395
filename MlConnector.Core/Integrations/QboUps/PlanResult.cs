namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The plan for a purchase order, or why there is nothing to ship.</summary>
/// <param name="Plan">The plan; null when skipped.</param>
/// <param name="SkipReason">Why the PO is not shipped (deleted, closed); null when planned.</param>
public sealed record PlanResult(ShipmentPlan? Plan, string? SkipReason);
