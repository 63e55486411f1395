namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>The check of a batch of orders against QuickBooks Desktop.</summary>
/// <param name="Valid">Orders whose customer and items QuickBooks knows.</param>
/// <param name="Flagged">Orders flagged for manual review (what is missing is on the order and in the audit trail).</param>
/// <param name="Customers">How many customers QuickBooks returned (all pages).</param>
/// <param name="Items">How many items QuickBooks returned (all pages).</param>
public sealed record QbdOrderCheckResult(IReadOnlyList<string> Valid, IReadOnlyList<string> Flagged, int Customers, int Items);
