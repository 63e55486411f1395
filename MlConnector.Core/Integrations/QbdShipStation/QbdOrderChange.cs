namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>A change ShipStation reported for an order already recorded in QuickBooks Desktop (workflow input; ids only).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="OrderId">ShipStation's order id.</param>
/// <param name="OrderNumber">The order number: the QuickBooks RefNumber.</param>
/// <param name="Cancel">True when the order was cancelled (the transaction is voided); false for a correction of its lines or amounts (the transaction is modified).</param>
/// <param name="Revision">The order's content revision the change brings (<see cref="QbdShipStationKeys.OrderRevision"/>), or <c>cancelled</c>.</param>
public sealed record QbdOrderChange(string ConnectionId, long OrderId, string OrderNumber, bool Cancel, string Revision)
{
    /// <summary>The shipment reference the shared posting activities take (no shipment: ids of the order only).</summary>
    public QbdShipmentRef AsShipmentRef() => new(ConnectionId, OrderId, OrderNumber, 0, null, null, null);
}
