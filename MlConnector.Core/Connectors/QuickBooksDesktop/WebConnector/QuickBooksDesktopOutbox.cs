using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// Each connection's outbox: its ordered queue of qbXML requests in Table Storage: workflows enqueue a request, the Web Connector
/// session takes them one at a time in arrival order (<c>sendRequestXML</c>) and the answer is stored on the row
/// (<c>receiveResponseXML</c>). When a session was interrupted, <see cref="SettleInterruptedAsync"/> queues its unanswered
/// queries again and marks its unanswered adds and mods unconfirmed, so nothing is lost and nothing is written twice.
/// </summary>
/// <remarks>
/// <para>
/// Every read is a point read (PartitionKey + RowKey), because the queue keeps every answered request and a query of it
/// costs more with each record (Azurite scans the whole table for any query; docs/performance.md, "QuickBooks Desktop
/// outbox: point reads"). One partition per connection (<c>queue|{connection}</c>) holds three kinds of row:
/// the queue rows (row key = arrival order, <c>~</c> appended per iterator page); an index row per request id
/// (<c>id|{requestID}</c>, naming its queue row); and the in-flight set (<see cref="QuickBooksDesktopInFlight"/>: the
/// queued and sent rows and those whose workflow is still to be told). A queue row, its index row and the set change
/// together in one entity-group transaction with the set's ETag, so they never disagree and racing writers retry.
/// </para>
/// <para>
/// Rows written before the index existed are indexed once per connection, by the first call that finds no in-flight set
/// (one query of the partition; the set is written last and marks the pass done, so a pass cut short runs again). An
/// index row that names no queue row is treated as absent and replaced when the request is queued again.
/// </para>
/// </remarks>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock (row keys keep arrival order).</param>
public sealed class QuickBooksDesktopOutbox(TableProvider tables, TimeProvider timeProvider)
{
    private const string Queued = "Queued";
    private const string Sent = "Sent";
    private const string Answered = "Answered";
    private const string Unconfirmed = "Unconfirmed";
    private const string IndexPrefix = "id|";

    /// <summary>Attempts of one change when other writers keep winning the race for the in-flight set.</summary>
    private const int MaxAttempts = 200;

    /// <summary>Iterator pages deleted per transaction (two rows each, plus the first request and the set: at most 100 actions).</summary>
    private const int PagesPerTransaction = 45;

    private long _sequence;

    /// <summary>Queues a request for the connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="request">A request element from <see cref="QbXmlRequests"/>, with its <c>requestID</c>.</param>
    /// <param name="waitingInstanceId">
    /// The workflow instance that waits for the answer, or null. When the answer is stored (the last page of an iterator),
    /// or an add or mod is found unconfirmed, <see cref="AnswerAsync"/> and <see cref="SettleInterruptedAsync"/> name it so
    /// the Web Connector endpoint raises <see cref="QuickBooksDesktopAnswerSignal.EventName"/> to it.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request id.</returns>
    /// <exception cref="InvalidOperationException">When the connection has more requests in flight than one row can track (about 13,000).</exception>
    public async Task<string> EnqueueAsync(string connectionId, XElement request, string? waitingInstanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(request);
        var requestId = (string?)request.Attribute("requestID") ?? throw new ArgumentException("The request has no requestID.", nameof(request));
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        return await RetryAsync(
            async () =>
            {
                var (row, index) = await FindAsync(table, partition, requestId, cancellationToken);
                if (row is not null)
                {
                    return requestId; // A retried enqueue (the same workflow step run again) queues nothing twice.
                }

                var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
                var order = timeProvider.GetUtcNow().UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _sequence).ToString("D10", CultureInfo.InvariantCulture);
                var queued = new QuickBooksDesktopQueueEntity { PartitionKey = partition, RowKey = order, RequestId = requestId, RequestXml = request.ToString(SaveOptions.DisableFormatting), State = Queued, InstanceId = waitingInstanceId };
                Track(inFlight, queued);
                await table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, queued), IndexAction(partition, queued, index), inFlight.Write(partition)],
                    cancellationToken);
                return requestId;
            },
            cancellationToken);
    }

    /// <summary>
    /// Settles what an interrupted session left behind, at the start of a new one: a query sent and never answered is
    /// queued again; an add or mod is not (QuickBooks may have done it before the answer was lost): it becomes
    /// <see cref="QuickBooksDesktopRequestState.Unconfirmed"/>, and its workflow is told so it re-queries by RefNumber. An
    /// iterator opened in an earlier session is dead (iterators live only in one QuickBooks session, PROTOCOL-NOTES §3), so
    /// its pages and pending <c>Continue</c> are dropped and its first request is queued again as <c>Start</c>.
    /// The workflows to tell are marked in the same write (<see cref="PendingSignalsAsync"/> names them).
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when every row is settled.</returns>
    public async Task SettleInterruptedAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        while (!await RetryAsync(() => SettleOneSentAsync(table, partition, cancellationToken), cancellationToken))
        {
        }

        while (!await RetryAsync(() => RestartOneIteratorAsync(table, partition, cancellationToken), cancellationToken))
        {
        }
    }

    /// <summary>
    /// The answers and unconfirmed adds or mods whose waiting workflow has not been told yet: those stored by
    /// <see cref="AnswerAsync"/> or <see cref="SettleInterruptedAsync"/> whose signal was not raised and confirmed with
    /// <see cref="SignalRaisedAsync"/> (the host died in between). Raising one twice is harmless: each request has its own
    /// event name (<see cref="QuickBooksDesktopAnswerSignal.EventName"/>), and a workflow past that wait never reads it again.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signals to raise, oldest request first.</returns>
    public async Task<IReadOnlyList<QuickBooksDesktopPendingSignal>> PendingSignalsAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
        var pending = new List<QuickBooksDesktopPendingSignal>();
        foreach (var (rowKey, _) in inFlight.Entries.Where(e => e.Value == QuickBooksDesktopInFlight.SignalPending))
        {
            if (await GetRowAsync(table, partition, rowKey, cancellationToken) is not { SignalPending: true, InstanceId: { Length: > 0 } instanceId } row)
            {
                continue;
            }

            var signal = row.State == Unconfirmed
                ? new QuickBooksDesktopAnswerSignal(row.RequestId!, QuickBooksDesktopRequestState.Unconfirmed, null)
                : new QuickBooksDesktopAnswerSignal(RootOf(row.RequestId!), QuickBooksDesktopRequestState.Answered, StatusCodeOf(XElement.Parse(row.ResponseXml!)));
            pending.Add(new QuickBooksDesktopPendingSignal(row.RowKey, instanceId, signal));
        }

        return pending;
    }

    /// <summary>Records that the waiting workflow of a row was told (or no longer exists), so no later session tells it again.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="signal">The signal raised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    public async Task SignalRaisedAsync(string connectionId, QuickBooksDesktopPendingSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        await RetryAsync(
            async () =>
            {
                var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
                var actions = new List<TableTransactionAction>();
                if (await GetRowAsync(table, partition, signal.RowKey, cancellationToken) is { } row)
                {
                    row.SignalPending = false;
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
                    Track(inFlight, row);
                }
                else
                {
                    inFlight.Entries.Remove(signal.RowKey);
                }

                actions.Add(inFlight.Write(partition));
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    /// <summary>The first queued request, marked as sent; null when nothing is queued.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request element, or null.</returns>
    public async Task<XElement?> TakeNextAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        return await RetryAsync(
            async () =>
            {
                var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
                foreach (var (rowKey, _) in inFlight.Entries.Where(e => e.Value == QuickBooksDesktopInFlight.Queued).ToList())
                {
                    var row = await GetRowAsync(table, partition, rowKey, cancellationToken);
                    if (row?.State != Queued)
                    {
                        Track(inFlight, row, rowKey); // Repairs a set written by a host that died mid-change (cannot happen in one transaction; kept honest).
                        continue;
                    }

                    row.State = Sent;
                    Track(inFlight, row);
                    await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag), inFlight.Write(partition)], cancellationToken);
                    return XElement.Parse(row.RequestXml!);
                }

                return null;
            },
            cancellationToken);
    }

    /// <summary>Where a request stands.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or null when no such request was queued.</returns>
    public async Task<QuickBooksDesktopRequestState?> GetStateAsync(string connectionId, string requestId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var (row, _) = await FindAsync(table, Partition(connectionId), requestId, cancellationToken);
        return row is null ? null : Enum.Parse<QuickBooksDesktopRequestState>(row.State!);
    }

    /// <summary>How many requests still wait for an answer.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountPendingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        return (await LoadInFlightAsync(table, Partition(connectionId), cancellationToken)).PendingCount;
    }

    /// <summary>
    /// Stores QuickBooks' answer on the request it belongs to (by <c>requestID</c>). When the answer is a page of an open
    /// iterator (<c>iteratorRemainingCount</c> &gt; 0), the <c>Continue</c> request for the next page is queued right behind
    /// it, ahead of anything queued later, with the request id <c>{requestID}~{page}</c>: iterators live only in the current
    /// QuickBooks session (PROTOCOL-NOTES §3), so the next page must be asked in the same session.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="response">The <c>*Rs</c> element.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The workflow to tell and what to tell it, when a waiting request is now fully answered (its last page); else null. The
    /// row is marked in the same write as the answer, so a host killed before it raised the signal tells the workflow at the
    /// next session start (<see cref="PendingSignalsAsync"/>); raise it, then call <see cref="SignalRaisedAsync"/>.
    /// </returns>
    public async Task<QuickBooksDesktopPendingSignal?> AnswerAsync(string connectionId, XElement response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var requestId = (string?)response.Attribute("requestID") ?? string.Empty;
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        return await RetryAsync(
            async () =>
            {
                var (row, _) = await FindAsync(table, partition, requestId, cancellationToken);
                if (row is null || row.State == Answered)
                {
                    return null;
                }

                var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
                var morePages = (string?)response.Attribute("iteratorID") is { Length: > 0 }
                    && int.TryParse((string?)response.Attribute("iteratorRemainingCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
                    && remaining > 0;
                row.State = Answered;
                row.ResponseXml = response.ToString(SaveOptions.DisableFormatting);
                row.SignalPending = !morePages && row.InstanceId is { Length: > 0 };
                Track(inFlight, row);
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
                if (morePages)
                {
                    var next = NextPage(partition, row, requestId, (string)response.Attribute("iteratorID")!);
                    Track(inFlight, next);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, next));
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRow(partition, next)));
                }

                actions.Add(inFlight.Write(partition));
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return morePages || row.InstanceId is not { Length: > 0 } waiting
                    ? null
                    : new QuickBooksDesktopPendingSignal(row.RowKey, waiting, new QuickBooksDesktopAnswerSignal(RootOf(requestId), QuickBooksDesktopRequestState.Answered, StatusCodeOf(response)));
            },
            cancellationToken);
    }

    /// <summary>Every page answered for a request that opened an iterator: the request's own answer, then <c>{requestID}~1</c>, <c>~2</c>, ….</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="requestId">The first request's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answered pages in order (stops at the first page not yet answered).</returns>
    public async Task<IReadOnlyList<QbXmlResponse>> GetPagesAsync(string connectionId, string requestId, CancellationToken cancellationToken = default)
    {
        var pages = new List<QbXmlResponse>();
        for (var page = 0; ; page++)
        {
            var id = page == 0 ? requestId : $"{requestId}~{page.ToString(CultureInfo.InvariantCulture)}";
            if (await GetAnswerAsync(connectionId, id, cancellationToken) is not { } answer)
            {
                return pages;
            }

            pages.Add(answer);
        }
    }

    /// <summary>The stored answer to a request, or null while it is unanswered.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, or null.</returns>
    public async Task<QbXmlResponse?> GetAnswerAsync(string connectionId, string requestId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var (row, _) = await FindAsync(table, Partition(connectionId), requestId, cancellationToken);
        return row?.State == Answered ? QbXmlResponse.From(XElement.Parse(row.ResponseXml!)) : null;
    }

    private static string Partition(string connectionId) => "queue|" + TableKeys.Escape(connectionId);

    private static string IndexKey(string requestId) => IndexPrefix + TableKeys.Escape(requestId);

    private static bool IsQueueRow(string rowKey) => !rowKey.StartsWith(IndexPrefix, StringComparison.Ordinal) && rowKey != QuickBooksDesktopInFlight.RowKey;

    private static string RootOf(string requestId) => requestId.Split('~')[0];

    private static int? StatusCodeOf(XElement response) =>
        int.TryParse((string?)response.Attribute("statusCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) ? status : null;

    private static QuickBooksDesktopQueueEntity IndexRow(string partition, QuickBooksDesktopQueueEntity queued) =>
        new() { PartitionKey = partition, RowKey = IndexKey(queued.RequestId!), QueueRowKey = queued.RowKey };

    /// <summary>Inserts the index row of a new queue row, or points a stale one (naming no row) at it.</summary>
    private static TableTransactionAction IndexAction(string partition, QuickBooksDesktopQueueEntity queued, QuickBooksDesktopQueueEntity? stale) => stale is null
        ? new TableTransactionAction(TableTransactionActionType.Add, IndexRow(partition, queued))
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, IndexRow(partition, queued), stale.ETag);

    /// <summary>The flag a queue row has in the in-flight set, or null when it is settled and told.</summary>
    private static char? FlagOf(QuickBooksDesktopQueueEntity row) => row.State switch
    {
        Queued => QuickBooksDesktopInFlight.Queued,
        Sent => QuickBooksDesktopInFlight.Sent,
        _ when row.SignalPending && row.InstanceId is { Length: > 0 } => QuickBooksDesktopInFlight.SignalPending,
        _ => null,
    };

    /// <summary>Puts a row's flag in the set (or takes it out); a row that is gone leaves the set.</summary>
    private static void Track(QuickBooksDesktopInFlight inFlight, QuickBooksDesktopQueueEntity? row, string? rowKey = null)
    {
        var key = row?.RowKey ?? rowKey!;
        if (row is not null && FlagOf(row) is { } flag)
        {
            inFlight.Entries[key] = flag;
        }
        else
        {
            inFlight.Entries.Remove(key);
        }
    }

    private static QuickBooksDesktopQueueEntity NextPage(string partition, QuickBooksDesktopQueueEntity row, string requestId, string iteratorId)
    {
        var request = XElement.Parse(row.RequestXml!);
        var page = requestId.Split('~') is [var root, var n] && int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var previous) ? (root, previous + 1) : (requestId, 1);
        request.SetAttributeValue("requestID", $"{page.Item1}~{page.Item2.ToString(CultureInfo.InvariantCulture)}");
        request.SetAttributeValue("iterator", "Continue");
        request.SetAttributeValue("iteratorID", iteratorId);
        request.Elements().Where(e => e.Name.LocalName is "FromModifiedDate" or "ToModifiedDate").Remove();
        return new QuickBooksDesktopQueueEntity { PartitionKey = partition, RowKey = row.RowKey + "~", RequestId = (string)request.Attribute("requestID")!, RequestXml = request.ToString(SaveOptions.DisableFormatting), State = Queued, InstanceId = row.InstanceId };
    }

    /// <summary>
    /// Runs one change again while another writer wins the race for the same rows (412: the set or row changed since it was
    /// read; 409: the same row was inserted; 404: it was removed); each attempt reads afresh.
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await attempt();
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && tries < MaxAttempts)
            {
            }
        }
    }

    private static Task<QuickBooksDesktopQueueEntity?> GetRowAsync(TableClient table, string partition, string rowKey, CancellationToken cancellationToken) =>
        table.GetEntityOrNullAsync<QuickBooksDesktopQueueEntity>(partition, rowKey, cancellationToken: cancellationToken);

    /// <summary>
    /// The queue row of a request by its index row (two point reads), and the index row itself. An index row naming no row
    /// comes back as (null, index) so the next enqueue points it at the new row; a missing index row on a connection not
    /// yet indexed runs the index pass first.
    /// </summary>
    private static async Task<(QuickBooksDesktopQueueEntity? Row, QuickBooksDesktopQueueEntity? Index)> FindAsync(TableClient table, string partition, string requestId, CancellationToken cancellationToken)
    {
        var index = await GetRowAsync(table, partition, IndexKey(requestId), cancellationToken);
        if (index is null && await EnsureIndexedAsync(table, partition, cancellationToken))
        {
            index = await GetRowAsync(table, partition, IndexKey(requestId), cancellationToken);
        }

        var row = index?.QueueRowKey is { Length: > 0 } rowKey ? await GetRowAsync(table, partition, rowKey, cancellationToken) : null;
        return (row?.RequestId == requestId ? row : null, index);
    }

    private static async Task<QuickBooksDesktopInFlight> LoadInFlightAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await table.GetEntityOrNullAsync<TableEntity>(partition, QuickBooksDesktopInFlight.RowKey, cancellationToken: cancellationToken) is { } row)
            {
                return QuickBooksDesktopInFlight.From(row);
            }

            await EnsureIndexedAsync(table, partition, cancellationToken);
        }
    }

    /// <summary>
    /// The one-time index pass of a connection whose rows were written before the index (or a new connection): one query of
    /// its partition; an index row for every queue row (the oldest row of a request id, the one the old queries found first);
    /// index rows naming no row removed; then the in-flight set inserted, which marks the pass done. Rows are written with
    /// the ETags they were read with and the set is inserted, not replaced, so a pass racing another, or finishing after the
    /// set exists, changes nothing; a pass cut short leaves no set and runs again.
    /// </summary>
    /// <returns>True when the pass ran now; false when the connection was already indexed.</returns>
    private static async Task<bool> EnsureIndexedAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var rows = new List<QuickBooksDesktopQueueEntity>();
        var indexes = new Dictionary<string, QuickBooksDesktopQueueEntity>(StringComparer.Ordinal);
        if (await table.GetEntityOrNullAsync<TableEntity>(partition, QuickBooksDesktopInFlight.RowKey, ["RowKey"], cancellationToken) is not null)
        {
            return false;
        }

        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.RowKey == QuickBooksDesktopInFlight.RowKey)
            {
                return false;
            }

            if (row.RowKey.StartsWith(IndexPrefix, StringComparison.Ordinal))
            {
                indexes[row.RowKey] = row;
            }
            else if (IsQueueRow(row.RowKey) && row.RequestId is { Length: > 0 })
            {
                rows.Add(row);
            }
        }

        var inFlight = QuickBooksDesktopInFlight.Empty();
        var wanted = new Dictionary<string, QuickBooksDesktopQueueEntity>(StringComparer.Ordinal);
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            wanted.TryAdd(IndexKey(row.RequestId!), row);
            Track(inFlight, row);
        }

        var actions = new List<TableTransactionAction>();
        foreach (var (key, row) in wanted)
        {
            if (!indexes.TryGetValue(key, out var existing))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, IndexRow(partition, row)));
            }
            else if (existing.QueueRowKey != row.RowKey)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, IndexRow(partition, row), existing.ETag));
            }
        }

        foreach (var stale in indexes.Where(i => !wanted.ContainsKey(i.Key)).Select(i => i.Value))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, stale, stale.ETag));
        }

        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }

        try
        {
            await table.AddEntityAsync(inFlight.ToEntity(partition), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another pass finished first.
        }

        return true;
    }

    /// <summary>Settles the first sent row of an interrupted session that is not an iterator page; true when none is left.</summary>
    private static async Task<bool> SettleOneSentAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
        var rowKey = inFlight.Entries.FirstOrDefault(e => e.Value == QuickBooksDesktopInFlight.Sent && !e.Key.Contains('~', StringComparison.Ordinal)).Key;
        if (rowKey is null)
        {
            return true;
        }

        var actions = new List<TableTransactionAction>();
        var row = await GetRowAsync(table, partition, rowKey, cancellationToken);
        if (row?.State == Sent)
        {
            var isQuery = XElement.Parse(row.RequestXml!).Name.LocalName.EndsWith("QueryRq", StringComparison.Ordinal);
            row.State = isQuery ? Queued : Unconfirmed;
            row.SignalPending = !isQuery && row.InstanceId is { Length: > 0 };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
        }

        Track(inFlight, row, rowKey);
        actions.Add(inFlight.Write(partition));
        await table.SubmitTransactionAsync(actions, cancellationToken);
        return false;
    }

    /// <summary>
    /// Restarts the first iterator of an interrupted session (a page queued or sent): deletes its pages and their index rows,
    /// oldest first and up to <see cref="PagesPerTransaction"/> at a time, and with the last of them (the one in flight)
    /// queues the first request again as <c>Start</c>. Cut short, the page in flight is still there, so the next session
    /// start finishes the restart. True when no iterator is left to restart.
    /// </summary>
    private static async Task<bool> RestartOneIteratorAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var inFlight = await LoadInFlightAsync(table, partition, cancellationToken);
        var page = inFlight.Entries.FirstOrDefault(e => e.Value is QuickBooksDesktopInFlight.Queued or QuickBooksDesktopInFlight.Sent && e.Key.Contains('~', StringComparison.Ordinal)).Key;
        if (page is null)
        {
            return true;
        }

        var rootKey = page[..page.IndexOf('~', StringComparison.Ordinal)];
        var depth = inFlight.Entries.Keys.Where(k => k.StartsWith(rootKey + "~", StringComparison.Ordinal)).Max(k => k.Length - rootKey.Length);
        var pages = new List<QuickBooksDesktopQueueEntity>();
        for (var i = 1; i <= depth; i++)
        {
            if (await GetRowAsync(table, partition, rootKey + new string('~', i), cancellationToken) is { } row)
            {
                pages.Add(row);
            }
        }

        var actions = new List<TableTransactionAction>();
        foreach (var row in pages.Take(PagesPerTransaction))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
            if (await GetRowAsync(table, partition, IndexKey(row.RequestId!), cancellationToken) is { } index && index.QueueRowKey == row.RowKey)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, index, index.ETag));
            }

            inFlight.Entries.Remove(row.RowKey);
        }

        if (pages.Count <= PagesPerTransaction)
        {
            foreach (var stale in inFlight.Entries.Keys.Where(k => k.StartsWith(rootKey + "~", StringComparison.Ordinal)).ToList())
            {
                inFlight.Entries.Remove(stale); // Named a page that is gone.
            }

            if (await GetRowAsync(table, partition, rootKey, cancellationToken) is { } root)
            {
                var request = XElement.Parse(root.RequestXml!);
                request.SetAttributeValue("iterator", "Start");
                request.SetAttributeValue("iteratorID", null);
                root.RequestXml = request.ToString(SaveOptions.DisableFormatting);
                root.State = Queued;
                root.ResponseXml = null;
                Track(inFlight, root);
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, root, root.ETag));
            }
        }

        actions.Add(inFlight.Write(partition));
        await table.SubmitTransactionAsync(actions, cancellationToken);
        return false;
    }
}
