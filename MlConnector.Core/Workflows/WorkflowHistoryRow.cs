using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// One history row (RowKey <c>h-{index:D8}</c>): a step's outcome, in the order the workflow saw them. Replay delivers
/// the rows in this order, which makes re-execution deterministic.
/// </summary>
internal sealed class WorkflowHistoryRow : ITableEntity
{
    public const string KeyPrefix = "h-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Index { get; set; }

    public string Type { get; set; } = string.Empty;

    /// <summary>The step's sequence number in the workflow.</summary>
    public int TaskId { get; set; }

    /// <summary>The activity or event name.</summary>
    public string? Name { get; set; }

    /// <summary>When the outcome was recorded; becomes <see cref="IWorkflowContext.CurrentUtcDateTime"/>.</summary>
    public DateTimeOffset RecordedUtc { get; set; }

    public string? ResultJson { get; set; }

    public int Attempt { get; set; }

    public string? FailureKind { get; set; }

    public string? FailureType { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset? RetryAtUtc { get; set; }

    public DateTimeOffset? FireAtUtc { get; set; }

    public string? EventRowKey { get; set; }

    [IgnoreDataMember]
    public WorkflowHistoryEventType EventType
    {
        get => Enum.Parse<WorkflowHistoryEventType>(Type);
        set => Type = value.ToString();
    }

    [IgnoreDataMember]
    public WorkflowFailureDetails? Failure
    {
        get => FailureMessage is null
            ? null
            : new WorkflowFailureDetails(
                Enum.TryParse<ErrorKind>(FailureKind, out var kind) ? kind : ErrorKind.Unknown,
                FailureType ?? string.Empty,
                FailureMessage);
        set
        {
            FailureKind = value?.Kind.ToString();
            FailureType = value?.ErrorType;
            FailureMessage = value?.Message;
        }
    }

    public static string KeyFor(int index) => KeyPrefix + index.ToString("D8", CultureInfo.InvariantCulture);
}
