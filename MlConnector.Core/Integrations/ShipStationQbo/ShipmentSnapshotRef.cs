namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>A workflow's handle on one ShipStation shipment or fulfillment; the document is kept in blob storage.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="OrderNumber">The order the shipment belongs to.</param>
/// <param name="ShipmentId">ShipStation's shipment id, or its fulfillment id when <paramref name="Source"/> is <see cref="ShipmentSource.Fulfillment"/>.</param>
/// <param name="Source">Which document the id names; absent in inputs written before fulfillments were supported, which are labels.</param>
public sealed record ShipmentSnapshotRef(string ConnectionId, string OrderNumber, long ShipmentId, ShipmentSource Source = ShipmentSource.Label);
