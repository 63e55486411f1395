using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>
/// The safety net under the QBO webhooks: asks Change Data Capture for the connection's handler's entities changed since
/// the connection's watermark and sends every change through the same <see cref="QboChangeDispatcher"/> as the webhooks,
/// with the same redelivery suppression. Work the webhooks already started is a duplicate; what they missed starts now and
/// is reported (log and audit).
/// </summary>
/// <remarks>
/// <para>The watermark is a State-table row (<c>{connectionId}</c> / <c>qbo-events|cdc-watermark</c>, ETag-checked). The
/// first pass looks back <see cref="InitialLookback"/>; each pass overlaps the previous one by <see cref="Overlap"/>; no
/// pass looks back further than QBO's 30 days (<see cref="MaxLookback"/>, PROTOCOL-NOTES.md §2), less a margin for
/// clock skew.</para>
/// <para>The watermark advances only after every change was dispatched, to QBO's server time of the response; when the
/// response was full (<see cref="QuickBooksOnlineClient.MaxCdcObjects"/> objects, so some may be missing), only to the
/// newest change seen, so the next pass continues from there.</para>
/// </remarks>
/// <param name="qbo">The QBO client.</param>
/// <param name="dispatcher">The dispatcher shared with the webhook endpoint.</param>
/// <param name="tables">The table provider.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="options">The intake settings (dispatch concurrency).</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class QboChangeReconciler(
    IQuickBooksOnlineClient qbo,
    QboChangeDispatcher dispatcher,
    TableProvider tables,
    IAuditTrail audit,
    IOptions<QboEventsOptions> options,
    TimeProvider timeProvider,
    ILogger<QboChangeReconciler> logger)
{
    /// <summary>How far back the first pass of a new connection looks.</summary>
    public static readonly TimeSpan InitialLookback = TimeSpan.FromDays(1);

    /// <summary>How much each pass overlaps the previous one.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>The furthest back CDC is asked: QBO's 30 days less 10 minutes for clock skew.</summary>
    public static readonly TimeSpan MaxLookback = TimeSpan.FromDays(30) - TimeSpan.FromMinutes(10);

    /// <summary>The State-table row key of the watermark.</summary>
    public const string WatermarkRowKey = "qbo-events|cdc-watermark";

    /// <summary>Runs one pass for a connection.</summary>
    /// <param name="connection">The connection (with <c>qbo.realmId</c>).</param>
    /// <param name="handler">Its kind's handler.</param>
    /// <param name="cancellationToken">Cancels the pass; the watermark then stays.</param>
    /// <returns>What the pass found.</returns>
    /// <exception cref="Errors.ConnectorException">When CDC or a dispatch failed; the watermark stays where it was.</exception>
    public async Task<QboReconcileResult> ReconcileAsync(Connection connection, IQboChangeHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handler);
        var stored = await ConnectionWatermark.ReadAsync(tables, connection.Id, WatermarkRowKey, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var watermark = stored.WatermarkUtc ?? now - InitialLookback;
        var since = watermark - Overlap;
        if (since < now - MaxLookback)
        {
            since = now - MaxLookback;
            QboEventsLog.LookbackClamped(logger, connection.Id, watermark, since);
        }

        var captured = await qbo.GetChangesAsync(connection.Id, handler.EntityNames, since, cancellationToken);
        var changes = captured.Changes.Where(c => QboChangeDispatcher.Handles(handler, c.EntityName)).ToList();
        int started = 0, duplicates = 0, ignored = 0;
        await Parallel.ForEachAsync(
            changes,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentDispatches, CancellationToken = cancellationToken },
            async (change, ct) =>
            {
                var dispatch = await dispatcher.DispatchAsync(connection, handler, change, QboChangeChannel.Cdc, ct);
                _ = dispatch.Outcome switch
                {
                    QboChangeDispatchOutcome.Started => Interlocked.Increment(ref started),
                    QboChangeDispatchOutcome.Duplicate => Interlocked.Increment(ref duplicates),
                    _ => Interlocked.Increment(ref ignored),
                };
            });

        // Everything found is dispatched: only now may the watermark move.
        DateTimeOffset newest;
        if (captured.ObjectCount >= QuickBooksOnlineClient.MaxCdcObjects)
        {
            QboEventsLog.CdcTruncated(logger, connection.Id, captured.ObjectCount);
            newest = captured.Changes.Select(c => c.OccurredUtc).Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(watermark).Max();
        }
        else
        {
            newest = captured.ServerTimeUtc ?? now;
        }

        newest = newest < watermark ? watermark : newest;
        await stored.SaveAsync(tables, newest, now, cancellationToken);

        var result = new QboReconcileResult(connection.Id, since, newest, changes.Count, started, duplicates, ignored);
        QboEventsLog.Reconciled(logger, connection.Id, since, changes.Count, started, duplicates, ignored, newest);
        await audit.WriteAsync(
            new AuditRecord(connection.Id, QboEventsNames.ReconcileOperation, AuditOutcome.Succeeded)
            {
                Detail = $"CDC found {changes.Count} change(s) of {string.Join(", ", handler.EntityNames)} since {since:o}; webhooks had missed {started}, now started ({duplicates} duplicate(s), {ignored} ignored).",
            },
            cancellationToken);
        return result;
    }

    /// <summary>Reads a connection's watermark.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The watermark, UTC, or null before the first pass.</returns>
    public async Task<DateTimeOffset?> GetWatermarkAsync(string connectionId, CancellationToken cancellationToken = default) =>
        (await ConnectionWatermark.ReadAsync(tables, connectionId, WatermarkRowKey, cancellationToken)).WatermarkUtc;
}
