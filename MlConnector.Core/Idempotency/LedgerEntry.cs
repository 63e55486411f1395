namespace MlConnector.Core.Idempotency;

/// <summary>One ledger row as read back.</summary>
/// <param name="Key">What the row guards.</param>
/// <param name="Status">Its state.</param>
/// <param name="TargetId">The id of the record created in the target system, once <see cref="LedgerStatus.Succeeded"/>.</param>
/// <param name="Attempts">How many runs have claimed it.</param>
/// <param name="FirstAttemptUtc">When it was first claimed, UTC.</param>
/// <param name="LastAttemptUtc">When it was last claimed or finished, UTC.</param>
/// <param name="LastError">The last failure's message, if any.</param>
public sealed record LedgerEntry(
    LedgerKey Key,
    LedgerStatus Status,
    string? TargetId,
    int Attempts,
    DateTimeOffset FirstAttemptUtc,
    DateTimeOffset LastAttemptUtc,
    string? LastError);
