using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Workflows;

/// <summary>
/// An external event waiting in an instance's inbox (RowKey <c>e-{ticks}-{guid}</c>, so rows sort in the order
/// raised). The runner deletes it in the same transaction that records its delivery.
/// </summary>
internal sealed class WorkflowEventRow : ITableEntity
{
    public const string KeyPrefix = "e-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string EventName { get; set; } = string.Empty;

    public string? PayloadJson { get; set; }

    public DateTimeOffset RaisedUtc { get; set; }
}
