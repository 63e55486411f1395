using Azure;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Writes a document's tracking text (built from its package rows) to the target system, one write-back per document at a
/// time, until the text written is the one the rows give after the write.
/// </summary>
/// <remarks>
/// <para>
/// Two write-backs of one document (a pickup's and a delivery's status, each its own workflow) would race: one that built
/// its text before the newer status reached the rows could land after the newer one's write (its request slower, or re-sent
/// by the HTTP retry after its answer was lost) and show an older status for a moment. So a write-back holds the document's
/// lease (<see cref="ConnectionLease"/>, State-table row <see cref="LeaseName"/>, <see cref="LeaseDuration"/>, renewed before
/// a write once half of it has passed) around read → write → re-read. A write-back that finds the lease taken asks the
/// holder for one more pass (<see cref="ConnectionLease.RequestPassAsync"/>) and waits, polling the row every
/// <see cref="PollInterval"/>, until the holder takes the request (its next pass reads the rows after this write-back's
/// status reached them, so it writes it) or its lease lapses (a holder that died: this write-back takes the lease and
/// writes). It never fails for the lease alone and never writes an older text over a newer one.
/// </para>
/// <para>
/// Every status change is recorded on its row before its write-back starts, and rows never go back (Delivered is never set
/// back, older statuses are not applied), so the holder's re-read after each write gives the newest text.
/// </para>
/// <para>
/// Storage operations per write-back, besides the rows it reads: a free lease costs an insert and a delete (2); a pass
/// requested of the holder costs it a refused delete, a read and a replace more (3). A write-back that hands over costs a
/// refused insert, two reads and a merge (4), then one read per poll. A write-back longer than half the lease renews it
/// (a merge).
/// </para>
/// </remarks>
/// <param name="tables">The table provider (State table).</param>
/// <param name="timeProvider">The clock, for the lease expiry and the poll delay.</param>
public sealed class UpsTrackingWriteBack(TableProvider tables, TimeProvider timeProvider)
{
    /// <summary>The most writes one pass makes (the first and up to two corrections).</summary>
    public const int MaxRounds = 3;

    /// <summary>How long a write-back's lease lasts unless renewed: longer than a write with its retries.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>How often a write-back that handed over its status reads the lease row.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The State-table row key of one document's write-back lease (partition: the connection).</summary>
    /// <param name="system">The target system and entity, for example <c>freshbooks-invoice</c> or <c>qbo-Bill</c>.</param>
    /// <param name="documentId">The document id in that system.</param>
    /// <returns>The row key, for example <c>ups-writeback|freshbooks-invoice|123</c>.</returns>
    public static string LeaseName(string system, string documentId) => $"ups-writeback|{TableKeys.Escape(system)}|{TableKeys.Escape(documentId)}";

    /// <summary>
    /// Reads the rows' text, writes it, then reads the rows' text again and writes again while it differs from what was
    /// written, at most <see cref="MaxRounds"/> writes. Stopping at the bound is safe: a text that changed again after
    /// the last write belongs to a status whose own write-back runs after its change.
    /// </summary>
    /// <param name="readText">Reads the package rows and returns the document's tracking text (empty when it has none).</param>
    /// <param name="write">Writes one text to the document (may leave it alone when the document already shows it).</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The last text written (or found already shown), and how many writes were made (1–<see cref="MaxRounds"/>).</returns>
    public static async Task<(string Text, int Rounds)> WriteUntilCurrentAsync(Func<CancellationToken, Task<string>> readText, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readText);
        ArgumentNullException.ThrowIfNull(write);
        var text = await readText(cancellationToken);
        for (var round = 1; ; round++)
        {
            await write(text, cancellationToken);
            if (round == MaxRounds)
            {
                return (text, round);
            }

            var current = await readText(cancellationToken);
            if (string.Equals(current, text, StringComparison.Ordinal))
            {
                return (text, round);
            }

            text = current;
        }
    }

    /// <summary>
    /// Writes one document's tracking under its lease (<see cref="WriteUntilCurrentAsync"/>, again for each pass requested
    /// of it meanwhile), or hands this write-back's status to the write-back holding the lease.
    /// </summary>
    /// <param name="connectionId">The connection (the lease row's partition).</param>
    /// <param name="system">The target system and entity (<see cref="LeaseName"/>).</param>
    /// <param name="documentId">The document id.</param>
    /// <param name="readText">Reads the package rows and returns the document's tracking text.</param>
    /// <param name="write">Writes one text to the document (may leave it alone when the document already shows it).</param>
    /// <param name="cancellationToken">Cancels the calls and the wait.</param>
    /// <returns>What was written, or to whom the status was handed.</returns>
    /// <exception cref="RequestFailedException">When Table Storage fails (not for a taken lease).</exception>
    public async Task<UpsTrackingWriteBackResult> WriteAsync(string connectionId, string system, string documentId, Func<CancellationToken, Task<string>> readText, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readText);
        ArgumentNullException.ThrowIfNull(write);
        var name = LeaseName(system, documentId);
        var owner = ConnectionLease.NewOwner();
        while (true)
        {
            if (await ConnectionLease.TryAcquireAsync(tables, connectionId, name, owner, timeProvider.GetUtcNow(), LeaseDuration, cancellationToken) is { } lease)
            {
                return await WriteHoldingAsync(lease, readText, write, cancellationToken);
            }

            if (await HandOverAsync(connectionId, name, cancellationToken) is { } holder)
            {
                return new UpsTrackingWriteBackResult(string.Empty, 0, holder);
            }
        }
    }

    /// <summary>
    /// Asks the holder for a pass and waits until it takes the request, the lease passes to another holder (whose reads
    /// come after this status), or the lease lapses with the request untaken.
    /// </summary>
    /// <returns>The owner that writes this status; null when the lease is free (or lapsed) and the caller takes it.</returns>
    private async Task<string?> HandOverAsync(string connectionId, string name, CancellationToken cancellationToken)
    {
        if (await ConnectionLease.RequestPassAsync(tables, connectionId, name, timeProvider.GetUtcNow(), cancellationToken) is not { } asked)
        {
            return null;
        }

        while (true)
        {
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
            var row = await ConnectionLease.ReadHolderAsync(tables, connectionId, name, cancellationToken);
            if (row is not { } current || current.Owner != asked.Owner || !current.Requested)
            {
                // Released after taking the request, taken by the holder, or held by a later holder: written either way.
                return row is { } later && later.Owner != asked.Owner ? later.Owner : asked.Owner;
            }

            if (current.ExpiresUtc <= timeProvider.GetUtcNow())
            {
                // The holder died with the request untaken: take the lease.
                return null;
            }
        }
    }

    private async Task<UpsTrackingWriteBackResult> WriteHoldingAsync(ConnectionLease lease, Func<CancellationToken, Task<string>> readText, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var held = lease;
        var (text, rounds, renewing) = (string.Empty, 0, false);
        try
        {
            do
            {
                var (passText, passRounds) = await WriteUntilCurrentAsync(
                    readText,
                    async (next, ct) =>
                    {
                        if (timeProvider.GetUtcNow() > held.ExpiresUtc - (LeaseDuration / 2))
                        {
                            renewing = true;
                            held = await held.RenewAsync(tables, timeProvider.GetUtcNow(), LeaseDuration, ct);
                            renewing = false;
                        }

                        await write(next, ct);
                    },
                    cancellationToken);
                (text, rounds) = (passText, rounds + passRounds);
                held = await held.ReleaseOrTakeRequestAsync(tables, timeProvider.GetUtcNow(), LeaseDuration, cancellationToken);
            }
            while (held is not null);

            return new UpsTrackingWriteBackResult(text, rounds, null);
        }
        catch (RequestFailedException ex) when (renewing && ex.Status is 404 or 412)
        {
            // The renewal found the lease lapsed and taken: its new holder read the rows after this status reached them.
            var holder = await ConnectionLease.ReadHolderAsync(tables, lease.ConnectionId, lease.Name, cancellationToken);
            return new UpsTrackingWriteBackResult(text, rounds, holder?.Owner ?? "the next write-back");
        }
        catch when (held is not null)
        {
            // Failed while holding: let go, so the retry or the next write-back does not wait for the expiry (if the release
            // fails too, the lease lapses).
            try
            {
                await held.ReleaseAsync(tables, CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // The lease lapses by itself; the original failure is the one to report.
            }

            throw;
        }
    }
}
