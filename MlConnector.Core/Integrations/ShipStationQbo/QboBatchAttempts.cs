using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The attempt loop of the chunk syncs (<see cref="ShipStationQboOrderBatchSync"/>, <see cref="ShipStationQboShipmentBatchSync"/>):
/// an attempt reads what QBO holds and then writes with batch requests. A batch that fails as a whole without a usable
/// answer (transient, unknown, rate-limited) may still have committed, so the next attempt starts again at the reads, up to
/// <c>maxAttempts</c>; when the loop gives up, or anything else fails (cancellation too), every claim still open is
/// released and the error rethrown, so the workflow's retry or a replay claims the items again at once.
/// </summary>
internal static class QboBatchAttempts
{
    /// <summary>Runs attempts until no item of <paramref name="work"/> is open (see the class summary).</summary>
    /// <param name="work">The chunk's claimed items; an attempt closes those it completes or fails.</param>
    /// <param name="attemptAsync">One attempt: reads, then batches.</param>
    /// <param name="maxAttempts">The most attempts.</param>
    /// <param name="ledger">The idempotency ledger (releases the open claims).</param>
    /// <param name="logger">Logs each attempt whose outcome is unknown.</param>
    /// <param name="connectionId">The connection, for the log.</param>
    /// <returns>A task that completes when every item is closed.</returns>
    public static async Task RunAsync(IReadOnlyCollection<ClaimedBatchItem> work, Func<Task> attemptAsync, int maxAttempts, IIdempotencyLedger ledger, ILogger logger, string connectionId)
    {
        try
        {
            for (var attempt = 1; work.Any(p => p.Open); attempt++)
            {
                try
                {
                    await attemptAsync();
                }
                catch (ConnectorException ex) when (IsOutcomeUnknown(ex) && attempt < maxAttempts)
                {
                    logger.BatchOutcomeUnknown(connectionId, attempt, maxAttempts, ex.Kind, ex);
                }
            }
        }
        catch (Exception ex)
        {
            await ReleaseAsync(ledger, work.Where(p => p.Open), ex is OperationCanceledException ? "cancelled" : ex.Message);
            throw;
        }
    }

    /// <summary>Whether a failed request may have committed: transient, unknown or rate-limited.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True when the outcome is unknown.</returns>
    public static bool IsOutcomeUnknown(ConnectorException exception) =>
        exception.Kind is ErrorKind.Transient or ErrorKind.Unknown or ErrorKind.RateLimited;

    /// <summary>Marks the claims failed, so a retry, a replay or the item's own workflow may claim them again at once.</summary>
    /// <param name="ledger">The idempotency ledger.</param>
    /// <param name="items">The items.</param>
    /// <param name="reason">Why, for the ledger row.</param>
    /// <returns>A task that completes when every claim is released.</returns>
    public static async Task ReleaseAsync(IIdempotencyLedger ledger, IEnumerable<ClaimedBatchItem> items, string reason)
    {
        foreach (var item in items.ToList())
        {
            item.Open = false;
            await ledger.ReleaseAsync(item.Claim, reason);
        }
    }
}
