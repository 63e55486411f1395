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

    [LoggerMessage(EventId = 1330, EventName = "WorkflowActivityAttemptFailed", Level = LogLevel.Warning, Message = "Activity {ActivityName} (#{TaskId}) of instance {InstanceId} failed attempt {Attempt} ({ErrorKind}).")]
    public static partial void WorkflowActivityAttemptFailed(this ILogger logger, Exception exception, string activityName, string instanceId, int taskId, int attempt, ErrorKind errorKind);
}
