namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>What one chunk of orders did in QBO.</summary>
/// <param name="Orders">Orders in the chunk.</param>
/// <param name="Created">Invoices this run created.</param>
/// <param name="AlreadyInvoiced">Orders whose invoice existed (in the ledger or in QBO by DocNumber); nothing created.</param>
/// <param name="Skipped">Cancelled orders (no invoice).</param>
/// <param name="Busy">Orders another run was writing (a fresh ledger claim); a chunk with any is retried (logged, then a transient failure).</param>
/// <param name="FailedOrders">Order numbers that failed; each was handed to its own per-order workflow, which fails
/// visibly with the reason and is replayed by the operator once the cause is fixed.</param>
public sealed record OrderChunkResult(int Orders, int Created, int AlreadyInvoiced, int Skipped, int Busy, IReadOnlyList<string> FailedOrders);
