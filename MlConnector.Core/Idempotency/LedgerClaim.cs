namespace MlConnector.Core.Idempotency;

/// <summary>The answer to <see cref="IIdempotencyLedger.BeginAsync"/>.</summary>
/// <param name="Key">The key asked about.</param>
/// <param name="Decision">What the caller must do.</param>
/// <param name="TargetId">The existing target id when <see cref="Decision"/> is <see cref="LedgerDecision.AlreadyCompleted"/>.</param>
/// <param name="Attempt">This run's attempt number when claimed (1 for the first).</param>
/// <param name="ClaimToken">Opaque proof of the claim, passed back to complete or fail it.</param>
public sealed record LedgerClaim(LedgerKey Key, LedgerDecision Decision, string? TargetId, int Attempt, string? ClaimToken);
