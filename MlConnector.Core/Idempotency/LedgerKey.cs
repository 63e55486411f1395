using System.Security.Cryptography;

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

    /// <summary>
    /// A vendor idempotency key for this write (QBO's <c>requestid</c>, at most 50 characters): the first 32 hex characters
    /// of the SHA-256 of <see cref="ToString"/>, the same for every retry and replay of the one logical write.
    /// </summary>
    /// <returns>The request id.</returns>
    public string ToRequestId() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToString())))[..32];
}
