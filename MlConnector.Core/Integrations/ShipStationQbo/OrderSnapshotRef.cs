namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// A workflow's handle on one ShipStation order: ids only. The order itself (names, addresses, lines) is kept in
/// blob storage by <see cref="ShipStationSnapshotStore"/>, not in workflow history.
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="OrderNumber">The order number (dedup key and QBO DocNumber).</param>
/// <param name="OrderId">ShipStation's order id.</param>
public sealed record OrderSnapshotRef(string ConnectionId, string OrderNumber, long OrderId);
