using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>Workflow log messages (EventIds 1300–1399). Never logs inputs, outputs or payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1300, EventName = "WorkflowStarted", Level = LogLevel.Information, Message = "Started workflow {WorkflowName} instance {InstanceId}.")]
    public static partial void WorkflowStarted(this ILogger logger, string workflowName, string instanceId);

    [LoggerMessage(EventId = 1301, EventName = "WorkflowDuplicateStart", Level = LogLevel.Information, Message = "Instance {InstanceId} already exists ({Status}); start ignored as a duplicate.")]
    public static partial void WorkflowDuplicateStart(this ILogger logger, string instanceId, WorkflowRuntimeStatus status);

    [LoggerMessage(EventId = 1302, EventName = "WorkflowEventRaised", Level = LogLevel.Information, Message = "Raised event {EventName} to instance {InstanceId}.")]
    public static partial void WorkflowEventRaised(this ILogger logger, string eventName, string instanceId);

    [LoggerMessage(EventId = 1303, EventName = "WorkflowEventDiscarded", Level = LogLevel.Warning, Message = "Discarded event {EventName} for instance {InstanceId}, which is {Status}.")]
    public static partial void WorkflowEventDiscarded(this ILogger logger, string eventName, string instanceId, WorkflowRuntimeStatus status);

    [LoggerMessage(EventId = 1304, EventName = "WorkflowReplayed", Level = LogLevel.Information, Message = "Replaying failed instance {FailedInstanceId} as {InstanceId}.")]
    public static partial void WorkflowReplayed(this ILogger logger, string failedInstanceId, string instanceId);

    [LoggerMessage(EventId = 1305, EventName = "WorkflowHeld", Level = LogLevel.Information, Message = "Instance {InstanceId} of paused connection {ConnectionId}: {Outcome}.")]
    public static partial void WorkflowHeld(this ILogger logger, string instanceId, string connectionId, string outcome);

    [LoggerMessage(EventId = 1306, EventName = "HeldWorkReleased", Level = LogLevel.Information, Message = "Released the held work of connection {ConnectionId}: {Started} started, {Replayed} replayed, {Dropped} no longer needed.")]
    public static partial void HeldWorkReleased(this ILogger logger, string connectionId, int started, int replayed, int dropped);

    [LoggerMessage(EventId = 1307, EventName = "HeldWorkWaiting", Level = LogLevel.Information, Message = "Held work of connection {ConnectionId} waits for instance {InstanceId} to stop before replaying it.")]
    public static partial void HeldWorkWaiting(this ILogger logger, string connectionId, string instanceId);

    [LoggerMessage(EventId = 1308, EventName = "HeldWorkReleaseFailed", Level = LogLevel.Error, Message = "Releasing the held work of connection {ConnectionId} failed; the next pass tries again.")]
    public static partial void HeldWorkReleaseFailed(this ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(EventId = 1310, EventName = "WorkflowAdmissionHeld", Level = LogLevel.Debug, Message = "Instance {InstanceId} held: connection {ConnectionId} has {MaxActive} workflows pending or running; it starts when one finishes.")]
    public static partial void WorkflowAdmissionHeld(this ILogger logger, string instanceId, string connectionId, int maxActive);

    [LoggerMessage(EventId = 1311, EventName = "HeldWorkAtLimit", Level = LogLevel.Information, Message = "Released {Started} held starts of connection {ConnectionId}; the rest wait: it has {MaxActive} workflows pending or running.")]
    public static partial void HeldWorkAtLimit(this ILogger logger, string connectionId, int started, int maxActive);

    [LoggerMessage(EventId = 1309, EventName = "WorkflowHistoryPurged", Level = LogLevel.Information, Message = "Purged {Instances} completed workflow instances ({Rows} history rows) created before {CreatedBeforeUtc:O}; kept {Kept} completed replays; more left: {More}.")]
    public static partial void WorkflowHistoryPurged(this ILogger logger, int instances, int rows, int kept, DateTimeOffset createdBeforeUtc, bool more);

    [LoggerMessage(EventId = 1331, EventName = "WorkflowActivityHeld", Level = LogLevel.Information, Message = "Activity {ActivityName} of instance {InstanceId} not run: connection {ConnectionId} is paused; the instance is held.")]
    public static partial void WorkflowActivityHeld(this ILogger logger, string activityName, string instanceId, string connectionId);

    [LoggerMessage(EventId = 1330, EventName = "WorkflowActivityAttemptFailed", Level = LogLevel.Warning, Message = "Activity {ActivityName} (#{TaskId}) of instance {InstanceId} failed attempt {Attempt} ({ErrorKind}).")]
    public static partial void WorkflowActivityAttemptFailed(this ILogger logger, Exception exception, string activityName, string instanceId, int taskId, int attempt, ErrorKind errorKind);
}
