namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>The last inventory reconciliation of a connection (<c>GET /api/connections/{id}/inventory</c>).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="CheckedUtc">When it ran, UTC; null when it never ran.</param>
/// <param name="ItemsChecked">Items with open ShipStation orders that were compared.</param>
/// <param name="InventoryItems">Inventory items QuickBooks returned (all iterator pages).</param>
/// <param name="Discrepancies">Items whose open orders exceed QuickBooks' quantity on hand, or that QuickBooks does not stock.</param>
public sealed record QbdInventoryReport(string ConnectionId, DateTimeOffset? CheckedUtc, int ItemsChecked, int InventoryItems, IReadOnlyList<QbdInventoryDiscrepancy> Discrepancies);
