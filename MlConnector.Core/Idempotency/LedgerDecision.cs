namespace MlConnector.Core.Idempotency;

/// <summary>What a caller of <see cref="IIdempotencyLedger.BeginAsync"/> must do next.</summary>
public enum LedgerDecision
{
    /// <summary>This run owns the write: do it, then call <see cref="IIdempotencyLedger.CompleteAsync"/> or <see cref="IIdempotencyLedger.FailAsync"/>.</summary>
    Claimed = 0,

    /// <summary>The write already happened; use <see cref="LedgerClaim.TargetId"/> and do not write again.</summary>
    AlreadyCompleted,

    /// <summary>Another run holds a fresh claim; do not write. Retry later (treat as transient).</summary>
    ClaimedElsewhere,
}
