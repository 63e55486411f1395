using MlConnector.Core.Errors;

namespace MlConnector.Core.Idempotency;

/// <summary>Releasing a claim a run gives up, the way the batched paths do for each item they do not finish.</summary>
public static class LedgerClaimRelease
{
    /// <summary>
    /// Marks the claim failed with the reason, so a retry, a replay or the item's own workflow may claim it again at once;
    /// a claim another run has taken over meanwhile (Conflict) is left to that run. Never cancelled: a release that is
    /// cut short would leave the claim to go stale.
    /// </summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="claim">The claim this run holds.</param>
    /// <param name="reason">Why (kept on the row as its last error; no secrets).</param>
    /// <returns>A task that completes when the row is marked.</returns>
    public static async Task ReleaseAsync(this IIdempotencyLedger ledger, LedgerClaim claim, string reason)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        try
        {
            await ledger.FailAsync(claim, reason, CancellationToken.None);
        }
        catch (ConnectorException lost) when (lost.Kind == ErrorKind.Conflict)
        {
            // Another run took the claim over; the row is theirs to finish.
        }
    }
}
