using System.Xml.Linq;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// Each connection's outbox: its ordered queue of qbXML requests in Table Storage: workflows enqueue a request, the Web Connector
/// session takes them one at a time in arrival order (<c>sendRequestXML</c>) and the answer is stored on the row
/// (<c>receiveResponseXML</c>). A request sent but never answered (QBWC or QuickBooks stopped) is sent again in the next
/// session, so nothing is lost; callers make their requests safe to repeat (query by RefNumber before an add).
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock (row keys keep arrival order).</param>
public sealed class QuickBooksDesktopOutbox(TableProvider tables, TimeProvider timeProvider)
{
    private const string Queued = "Queued";
    private const string Sent = "Sent";
    private const string Answered = "Answered";
    private long _sequence;

    /// <summary>Queues a request for the connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="request">A request element from <see cref="QbXmlRequests"/>, with its <c>requestID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request id.</returns>
    public async Task<string> EnqueueAsync(string connectionId, XElement request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(request);
        var requestId = (string?)request.Attribute("requestID") ?? throw new ArgumentException("The request has no requestID.", nameof(request));
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var order = timeProvider.GetUtcNow().UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _sequence).ToString("D10", CultureInfo.InvariantCulture);
        await table.AddEntityAsync(
            new QuickBooksDesktopQueueEntity { PartitionKey = Partition(connectionId), RowKey = order, RequestId = requestId, RequestXml = request.ToString(SaveOptions.DisableFormatting), State = Queued },
            cancellationToken);
        return requestId;
    }

    /// <summary>The first request not yet answered, marked as sent; null when the queue is empty.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request element, or null.</returns>
    public async Task<XElement?> TakeNextAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.State != Answered, cancellationToken: cancellationToken))
        {
            row.State = Sent;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return XElement.Parse(row.RequestXml!);
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
        await foreach (var unused in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.State != Answered, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Stores QuickBooks' answer on the request it belongs to (by <c>requestID</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="response">The <c>*Rs</c> element.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when a waiting request matched.</returns>
    public async Task<bool> AnswerAsync(string connectionId, XElement response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var requestId = (string?)response.Attribute("requestID");
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var partition = Partition(connectionId);
        await foreach (var row in table.QueryAsync<QuickBooksDesktopQueueEntity>(e => e.PartitionKey == partition && e.RequestId == requestId && e.State != Answered, cancellationToken: cancellationToken))
        {
            row.State = Answered;
            row.ResponseXml = response.ToString(SaveOptions.DisableFormatting);
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }

        return false;
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
}
