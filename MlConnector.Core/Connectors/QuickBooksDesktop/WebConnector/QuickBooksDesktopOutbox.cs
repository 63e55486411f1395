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
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock (row keys keep arrival order).</param>
public sealed class QuickBooksDesktopOutbox(TableProvider tables, TimeProvider timeProvider)
{
    private const string Queued = "Queued";
    private const string Sent = "Sent";
    private const string Answered = "Answered";
    private const string Unconfirmed = "Unconfirmed";
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
    public async Task<string> EnqueueAsync(string connectionId, XElement request, string? waitingInstanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(request);
        var requestId = (string?)request.Attribute("requestID") ?? throw new ArgumentException("The request has no requestID.", nameof(request));
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        await foreach (var existing in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.RequestId == requestId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return requestId; // A retried enqueue (the same workflow step run again) queues nothing twice.
        }

        var order = timeProvider.GetUtcNow().UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _sequence).ToString("D10", CultureInfo.InvariantCulture);
        await table.AddEntityAsync(
            new QuickBooksDesktopQueueEntity { PartitionKey = partition, RowKey = order, RequestId = requestId, RequestXml = request.ToString(SaveOptions.DisableFormatting), State = Queued, InstanceId = waitingInstanceId },
            cancellationToken);
        return requestId;
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
        var deadIterators = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && (e.State == Sent || e.State == Queued), cancellationToken: cancellationToken))
        {
            if (row.RequestId!.Contains('~', StringComparison.Ordinal))
            {
                deadIterators.Add(RootOf(row.RequestId));
                continue;
            }

            if (row.State != Sent)
            {
                continue;
            }

            var isQuery = XElement.Parse(row.RequestXml!).Name.LocalName.EndsWith("QueryRq", StringComparison.Ordinal);
            row.State = isQuery ? Queued : Unconfirmed;
            row.SignalPending = !isQuery && row.InstanceId is { Length: > 0 };
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        foreach (var root in deadIterators)
        {
            await RestartIteratorAsync(table, partition, root, cancellationToken);
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
        var pending = new List<QuickBooksDesktopPendingSignal>();
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.SignalPending == true, cancellationToken: cancellationToken))
        {
            if (row.InstanceId is not { Length: > 0 } instanceId)
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
        await table.UpdateEntityAsync(
            new TableEntity(Partition(connectionId), signal.RowKey) { [nameof(QuickBooksDesktopQueueEntity.SignalPending)] = false },
            ETag.All,
            TableUpdateMode.Merge,
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
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.State == Queued, cancellationToken: cancellationToken))
        {
            row.State = Sent;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return XElement.Parse(row.RequestXml!);
        }

        return null;
    }

    /// <summary>Where a request stands.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or null when no such request was queued.</returns>
    public async Task<QuickBooksDesktopRequestState?> GetStateAsync(string connectionId, string requestId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.RequestId == requestId, cancellationToken: cancellationToken))
        {
            return Enum.Parse<QuickBooksDesktopRequestState>(row.State!);
        }

        return null;
    }

    /// <summary>How many requests still wait for an answer.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountPendingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        var count = 0;
        await foreach (var unused in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.State != Answered && e.State != Unconfirmed, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
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
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.RequestId == requestId && e.State != Answered, cancellationToken: cancellationToken))
        {
            var morePages = (string?)response.Attribute("iteratorID") is { Length: > 0 }
                && int.TryParse((string?)response.Attribute("iteratorRemainingCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
                && remaining > 0;
            row.State = Answered;
            row.ResponseXml = response.ToString(SaveOptions.DisableFormatting);
            row.SignalPending = !morePages && row.InstanceId is { Length: > 0 };
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            if (morePages)
            {
                var iteratorId = (string)response.Attribute("iteratorID")!;
                var request = XElement.Parse(row.RequestXml!);
                var page = requestId.Split('~') is [var root, var n] && int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var previous) ? (root, previous + 1) : (requestId, 1);
                request.SetAttributeValue("requestID", $"{page.Item1}~{page.Item2.ToString(CultureInfo.InvariantCulture)}");
                request.SetAttributeValue("iterator", "Continue");
                request.SetAttributeValue("iteratorID", iteratorId);
                request.Elements().Where(e => e.Name.LocalName is "FromModifiedDate" or "ToModifiedDate").Remove();
                await table.AddEntityAsync(
                    new QuickBooksDesktopQueueEntity { PartitionKey = partition, RowKey = row.RowKey + "~", RequestId = (string)request.Attribute("requestID")!, RequestXml = request.ToString(SaveOptions.DisableFormatting), State = Queued, InstanceId = row.InstanceId },
                    cancellationToken);
                return null;
            }

            if (row.InstanceId is not { Length: > 0 } waiting)
            {
                return null;
            }

            return new QuickBooksDesktopPendingSignal(row.RowKey, waiting, new QuickBooksDesktopAnswerSignal(RootOf(requestId), QuickBooksDesktopRequestState.Answered, StatusCodeOf(response)));
        }

        return null;
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
        var partition = Partition(connectionId);
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.RequestId == requestId && e.State == Answered, cancellationToken: cancellationToken))
        {
            return QbXmlResponse.From(XElement.Parse(row.ResponseXml!));
        }

        return null;
    }

    private static string Partition(string connectionId) => "queue|" + TableKeys.Escape(connectionId);

    private static string RootOf(string requestId) => requestId.Split('~')[0];

    private static int? StatusCodeOf(XElement response) =>
        int.TryParse((string?)response.Attribute("statusCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) ? status : null;

    private static async Task RestartIteratorAsync(TableClient table, string partition, string root, CancellationToken cancellationToken)
    {
        var prefix = root + "~";
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.RequestId == root)
            {
                var request = XElement.Parse(row.RequestXml!);
                request.SetAttributeValue("iterator", "Start");
                request.SetAttributeValue("iteratorID", null);
                row.RequestXml = request.ToString(SaveOptions.DisableFormatting);
                row.State = Queued;
                row.ResponseXml = null;
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else if (row.RequestId!.StartsWith(prefix, StringComparison.Ordinal))
            {
                await table.DeleteEntityAsync(partition, row.RowKey, ETag.All, cancellationToken);
            }
        }
    }
}
