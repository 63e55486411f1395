using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// The state row of one instance (RowKey <c>instance</c> in the instance's own partition). Its ETag fences every write
/// of the runner that holds the lease, and the client's event and replay writes.
/// </summary>
internal sealed class WorkflowInstanceRow : ITableEntity
{
    public const string Key = "instance";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Key;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string InstanceId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? ConnectionId { get; set; }

    public string Status { get; set; } = nameof(WorkflowRuntimeStatus.Pending);

    /// <summary>True while Pending or Running: the runner's due query filters on it.</summary>
    public bool Active { get; set; }

    public string? InputJson { get; set; }

    public string? CustomStatusJson { get; set; }

    public string? OutputJson { get; set; }

    public string? FailureKind { get; set; }

    public string? FailureType { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }

    public DateTimeOffset LastUpdatedUtc { get; set; }

    public DateTimeOffset? CompletedUtc { get; set; }

    /// <summary>When a runner should next execute it: now when ready, a timer or retry time, null when only waiting for events.</summary>
    public DateTimeOffset? NextWakeUtc { get; set; }

    public string? WaitingFor { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresUtc { get; set; }

    /// <summary>How many history rows exist (the next row's index).</summary>
    public int HistoryCount { get; set; }

    /// <summary>How many steps the workflow had scheduled when last persisted (drives <see cref="IWorkflowContext.IsReplaying"/>).</summary>
    public int ScheduledCount { get; set; }

    public string? ReplayOf { get; set; }

    public string? ReplayedBy { get; set; }

    public int ReplayGeneration { get; set; }

    public string? RootInstanceId { get; set; }

    [IgnoreDataMember]
    public WorkflowRuntimeStatus RuntimeStatus
    {
        get => Enum.TryParse<WorkflowRuntimeStatus>(Status, out var status) ? status : WorkflowRuntimeStatus.Pending;
        set
        {
            Status = value.ToString();
            Active = value is WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Running;
        }
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

    public WorkflowInstanceStatus ToStatus() => new(
        Name,
        InstanceId,
        ConnectionId,
        RuntimeStatus,
        InputJson,
        CustomStatusJson,
        OutputJson,
        Failure,
        CreatedUtc,
        LastUpdatedUtc,
        ReplayOf,
        ReplayedBy);
}
