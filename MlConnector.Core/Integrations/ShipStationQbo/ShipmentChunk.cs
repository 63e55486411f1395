namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The input of <see cref="Workflows.ShipStationShipmentChunkToQboWorkflow"/>: up to
/// <see cref="ShipStationQboShipmentBatchSync.MaxChunkSize"/> shipments (labels or fulfillments) of one connection, as
/// references to their snapshots (ids only, as workflow history requires).
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Shipments">The shipments, in the order they were fetched.</param>
public sealed record ShipmentChunk(string ConnectionId, IReadOnlyList<ShipmentSnapshotRef> Shipments);
