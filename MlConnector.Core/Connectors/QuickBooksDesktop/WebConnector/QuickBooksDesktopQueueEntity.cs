using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// One queued qbXML request of a connection (partition <c>queue|{connection}</c>, row = arrival order), the index row of a
/// request id in that partition (row <c>id|{requestID}</c>, see <see cref="QueueRowKey"/>), or one Web Connector session
/// (partition <c>ticket</c>, row = the ticket). Holds no password or token.
/// </summary>
internal sealed class QuickBooksDesktopQueueEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Queue row: the request's <c>requestID</c>. Session row: unused.</summary>
    public string? RequestId { get; set; }

    /// <summary>Index row: the row key of the queue row that holds the request (written in the same transaction as it).</summary>
    public string? QueueRowKey { get; set; }

    /// <summary>Queue row: the request element (no prolog); the version is chosen when it is sent.</summary>
    public string? RequestXml { get; set; }

    /// <summary>Queue row: <c>Queued</c>, <c>Sent</c> or <c>Answered</c>.</summary>
    public string? State { get; set; }

    /// <summary>Queue row: the <c>*Rs</c> element QuickBooks answered.</summary>
    public string? ResponseXml { get; set; }

    /// <summary>Queue row: the workflow instance waiting for the answer (raised as an external event), or null.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Presence row: when the Web Connector last called authenticate for the connection (UTC).</summary>
    public DateTimeOffset? LastSeenUtc { get; set; }

    /// <summary>Presence row: when the Web Connector last reported that it could not reach QuickBooks (UTC).</summary>
    public DateTimeOffset? LastErrorUtc { get; set; }

    /// <summary>Session row: the connection the ticket belongs to.</summary>
    public string? ConnectionId { get; set; }

    /// <summary>Session row: when the ticket stops being accepted (UTC).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Session row: what getLastError shows.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Queue row: true from the moment the row's state (its final answer, or <c>Unconfirmed</c>) is stored in the same write
    /// until the waiting workflow has been told (<see cref="QuickBooksDesktopOutbox.PendingSignalsAsync"/>); a host killed in
    /// between leaves it true, and the next session start tells the workflow then.
    /// </summary>
    public bool SignalPending { get; set; }

    /// <summary>Session row: how many requests were answered in this session.</summary>
    public int Answered { get; set; }
}
