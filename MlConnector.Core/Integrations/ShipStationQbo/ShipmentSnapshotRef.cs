namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>A workflow's handle on one ShipStation shipment; the shipment is kept in blob storage.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="OrderNumber">The order the shipment belongs to.</param>
/// <param name="ShipmentId">ShipStation's shipment (or fulfillment) id.</param>
public sealed record ShipmentSnapshotRef(string ConnectionId, string OrderNumber, long ShipmentId);
