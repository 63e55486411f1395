namespace MlConnector.Core.Idempotency;

/// <summary>The result of <see cref="IdempotencyLedgerExtensions"/>.<c>ExecuteOnceAsync</c>.</summary>
/// <param name="TargetId">The id of the record in the target system.</param>
/// <param name="Created">True when this call created it; false when it already existed (ledger or target lookup).</param>
public sealed record IdempotentWriteResult(string TargetId, bool Created);
