namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The input of <see cref="Workflows.ShipStationShipmentChunkToQboWorkflow"/>: up to
/// <see cref="ShipStationQboShipmentBatchSync.MaxChunkSize"/> shipments (labels or fulfillments) of one connection, as
/// references to their snapshots (ids only, as workflow history requires).
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Shipments">The shipments, in the order they were fetched.</param>
/// <param name="WaitForInvoices">
/// For the chunk's activity: true to release a shipment whose order has no QBO invoice yet and return it in
/// <see cref="ShipmentChunkResult.WaitingForInvoice"/> (its invoice is most likely in flight in an order chunk of the same
/// page), so the workflow applies it in a later batch; false (the last round, and chunks started before this field existed)
/// to hand it to its own per-shipment workflow.
/// </param>
public sealed record ShipmentChunk(string ConnectionId, IReadOnlyList<ShipmentSnapshotRef> Shipments, bool WaitForInvoices = false);
