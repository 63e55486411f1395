namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>What one chunk of shipments did to QBO invoices.</summary>
/// <param name="Shipments">Shipments in the chunk.</param>
/// <param name="Applied">Shipments this run wrote onto their invoices.</param>
/// <param name="AlreadyApplied">Shipments the ledger or the invoice's memo already carried; nothing written.</param>
/// <param name="Busy">Shipments another run was writing (a fresh ledger claim); a chunk with any is retried.</param>
/// <param name="HandedOff">Shipments (<c>{orderNumber}/{shipmentId}</c>) handed to their own per-shipment workflow: the
/// order's invoice does not exist yet, or QBO refused the item (for example 5010, a stale SyncToken).</param>
/// <param name="WaitingForInvoice">With <see cref="ShipmentChunk.WaitForInvoices"/>: the shipments whose order has no
/// invoice yet, released, for the workflow's next batch; null or empty when none.</param>
public sealed record ShipmentChunkResult(int Shipments, int Applied, int AlreadyApplied, int Busy, IReadOnlyList<string> HandedOff, IReadOnlyList<ShipmentSnapshotRef>? WaitingForInvoice = null);
