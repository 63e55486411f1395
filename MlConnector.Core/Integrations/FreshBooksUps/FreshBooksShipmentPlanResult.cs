using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>The UPS plan for an invoice, or why there is nothing to ship.</summary>
/// <param name="Plan">The plan; null when skipped.</param>
/// <param name="SkipReason">Why the invoice is not shipped (deleted, not flagged); null when planned.</param>
public sealed record FreshBooksShipmentPlanResult(UpsShipmentPlan? Plan, string? SkipReason);
