namespace MlConnector.Core.Idempotency;

/// <summary>The state of one ledger row.</summary>
public enum LedgerStatus
{
    /// <summary>A run has claimed the write and has not finished it.</summary>
    InProgress = 0,

    /// <summary>The write happened; <see cref="LedgerEntry.TargetId"/> is the created record.</summary>
    Succeeded,

    /// <summary>The last attempt failed; a later run may claim it again.</summary>
    Failed,
}
