namespace MlConnector.Core.Idempotency;

/// <summary>Identifies one create (or other non-repeatable write) in the idempotency ledger.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SourceSystem">The system the record comes from: <c>shipstation</c>, <c>qbo</c>, <c>sps</c>…</param>
/// <param name="SourceId">The record's id in that system (order number, PO id, 850 document number).</param>
/// <param name="Operation">What is done with it: <c>qbo.invoice.create</c>, <c>ups.shipment.create</c>…</param>
public sealed record LedgerKey(string ConnectionId, string SourceSystem, string SourceId, string Operation)
{
    /// <inheritdoc />
    public override string ToString() => $"{ConnectionId}/{SourceSystem}/{SourceId}/{Operation}";
}
