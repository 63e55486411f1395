namespace MlConnector.Core.Idempotency;

/// <summary>
/// The idempotency ledger: (connection, source system, source id, operation) → target id, status, attempts.
/// Consulted before every create; written with ETag concurrency so two racing runs cannot both create.
/// </summary>
public interface IIdempotencyLedger
{
    /// <summary>
    /// Claims the write for this run, or reports that it already happened or is held by another run.
    /// A claim older than the ledger's claim timeout, or a failed row, may be claimed again.
    /// </summary>
    /// <param name="key">The write to guard.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision.</returns>
    Task<LedgerClaim> BeginAsync(LedgerKey key, CancellationToken cancellationToken = default);

    /// <summary>Records that the claimed write succeeded and created <paramref name="targetId"/>.</summary>
    /// <param name="claim">A claim with <see cref="LedgerDecision.Claimed"/>.</param>
    /// <param name="targetId">The id of the record created in the target system.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when the claim was lost to another run.</exception>
    Task CompleteAsync(LedgerClaim claim, string targetId, CancellationToken cancellationToken = default);

    /// <summary>Records that the claimed write failed, so a later run (or a replay) may claim it again.</summary>
    /// <param name="claim">A claim with <see cref="LedgerDecision.Claimed"/>.</param>
    /// <param name="reason">What failed (no secrets).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    Task FailAsync(LedgerClaim claim, string reason, CancellationToken cancellationToken = default);

    /// <summary>Reads one row.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The row, or null when the write was never attempted.</returns>
    Task<LedgerEntry?> GetAsync(LedgerKey key, CancellationToken cancellationToken = default);
}
