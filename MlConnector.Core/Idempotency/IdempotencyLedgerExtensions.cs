using MlConnector.Core.Errors;

namespace MlConnector.Core.Idempotency;

/// <summary>The standard way an activity performs a create exactly once.</summary>
public static class IdempotencyLedgerExtensions
{
    /// <summary>
    /// Consults the ledger, then the target system, and only then creates; records the outcome.
    /// </summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="key">What is being written.</param>
    /// <param name="findExistingAsync">Looks the record up in the target system (QBO DocNumber / PrivateNote, QBD RefNumber…);
    /// returns its id or null. It catches what a crashed earlier run created after its claim but before it could record it.</param>
    /// <param name="createAsync">Creates the record and returns its id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The target id and whether this call created it.</returns>
    /// <exception cref="ConnectorException">Transient when another run holds a fresh claim (retry later); otherwise whatever
    /// <paramref name="createAsync"/> threw, after the ledger row was marked failed so a replay may claim it again.</exception>
    public static Task<IdempotentWriteResult> ExecuteOnceAsync(
        this IIdempotencyLedger ledger,
        LedgerKey key,
        Func<CancellationToken, Task<string?>> findExistingAsync,
        Func<CancellationToken, Task<string>> createAsync,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findExistingAsync);
        return ledger.ExecuteOnceAsync(key, (_, ct) => findExistingAsync(ct), createAsync, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ExecuteOnceAsync(IIdempotencyLedger, LedgerKey, Func{CancellationToken, Task{string}}, Func{CancellationToken, Task{string}}, CancellationToken)"/>,
    /// with the claim's attempt number (1 for the first) passed to the look-up, so a look-up that costs a vendor call can be
    /// made only when an earlier attempt may have written (a later attempt: the earlier one failed, was lost or crashed).
    /// </summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="key">What is being written.</param>
    /// <param name="findExistingAsync">Looks the record up in the target system, given this claim's attempt number; returns its id or null.</param>
    /// <param name="createAsync">Creates the record and returns its id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The target id and whether this call created it.</returns>
    /// <exception cref="ConnectorException">As the other overload.</exception>
    public static async Task<IdempotentWriteResult> ExecuteOnceAsync(
        this IIdempotencyLedger ledger,
        LedgerKey key,
        Func<int, CancellationToken, Task<string?>> findExistingAsync,
        Func<CancellationToken, Task<string>> createAsync,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(findExistingAsync);
        ArgumentNullException.ThrowIfNull(createAsync);

        var claim = await ledger.BeginAsync(key, cancellationToken);
        switch (claim.Decision)
        {
            case LedgerDecision.AlreadyCompleted:
                return new IdempotentWriteResult(claim.TargetId!, Created: false);
            case LedgerDecision.ClaimedElsewhere:
                throw new ConnectorException("ledger", ErrorKind.Transient, $"Another run is writing {key}; retry later.");
        }

        try
        {
            var existing = await findExistingAsync(claim.Attempt, cancellationToken);
            if (existing is not null)
            {
                await ledger.CompleteAsync(claim, existing, cancellationToken);
                return new IdempotentWriteResult(existing, Created: false);
            }

            var created = await createAsync(cancellationToken);
            await ledger.CompleteAsync(claim, created, cancellationToken);
            return new IdempotentWriteResult(created, Created: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ledger.FailAsync(claim, ex.Message, CancellationToken.None);
            }
            catch (ConnectorException lost) when (lost.Kind == ErrorKind.Conflict)
            {
                // Another run took the claim over; the row is theirs to finish.
            }

            throw;
        }
    }
}
