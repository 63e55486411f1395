namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The input of <see cref="Workflows.ShipStationOrderChunkToQboWorkflow"/>: up to <see cref="ShipStationQboOrderBatchSync.MaxChunkSize"/>
/// orders of one connection, as references to their snapshots (ids only, as workflow history requires).
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Orders">The orders, in the order they were fetched.</param>
public sealed record OrderChunk(string ConnectionId, IReadOnlyList<OrderSnapshotRef> Orders);
