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

    [LoggerMessage(EventId = 1310, EventName = "WorkflowRunStarted", Level = LogLevel.Debug, Message = "Running instance {InstanceId} ({WorkflowName}) from {HistoryCount} history rows.")]
    public static partial void WorkflowRunStarted(this ILogger logger, string instanceId, string workflowName, int historyCount);

    [LoggerMessage(EventId = 1311, EventName = "WorkflowActivityRetryScheduled", Level = LogLevel.Warning, Message = "Activity {ActivityName} (#{TaskId}) of instance {InstanceId} failed attempt {Attempt} ({ErrorKind}); retrying at {RetryAtUtc:O}.")]
    public static partial void WorkflowActivityRetryScheduled(this ILogger logger, Exception? exception, string activityName, int taskId, string instanceId, int attempt, ErrorKind errorKind, DateTimeOffset retryAtUtc);

    [LoggerMessage(EventId = 1312, EventName = "WorkflowActivityFailed", Level = LogLevel.Error, Message = "Activity {ActivityName} (#{TaskId}) of instance {InstanceId} failed after {Attempts} attempt(s) ({ErrorKind}).")]
    public static partial void WorkflowActivityFailed(this ILogger logger, Exception? exception, string activityName, int taskId, string instanceId, int attempts, ErrorKind errorKind);

    [LoggerMessage(EventId = 1313, EventName = "WorkflowCompleted", Level = LogLevel.Information, Message = "Instance {InstanceId} ({WorkflowName}) completed.")]
    public static partial void WorkflowCompleted(this ILogger logger, string instanceId, string workflowName);

    [LoggerMessage(EventId = 1314, EventName = "WorkflowFailed", Level = LogLevel.Error, Message = "Instance {InstanceId} ({WorkflowName}) failed ({ErrorKind}, {ErrorType}).")]
    public static partial void WorkflowFailed(this ILogger logger, Exception? exception, string instanceId, string workflowName, ErrorKind errorKind, string errorType);

    [LoggerMessage(EventId = 1315, EventName = "WorkflowSuspended", Level = LogLevel.Debug, Message = "Instance {InstanceId} is waiting; next wake {NextWakeUtc:O}, events {WaitingFor}.")]
    public static partial void WorkflowSuspended(this ILogger logger, string instanceId, DateTimeOffset? nextWakeUtc, string? waitingFor);

    [LoggerMessage(EventId = 1316, EventName = "WorkflowLeaseLost", Level = LogLevel.Warning, Message = "Lost the lease on instance {InstanceId} to another runner; this run stops without writing.")]
    public static partial void WorkflowLeaseLost(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1317, EventName = "WorkflowRunAbandoned", Level = LogLevel.Information, Message = "Stopped running instance {InstanceId} because the runner is shutting down; it resumes on the next start.")]
    public static partial void WorkflowRunAbandoned(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1318, EventName = "WorkflowRunError", Level = LogLevel.Error, Message = "Running instance {InstanceId} hit an unexpected error; it will be retried after {Backoff}.")]
    public static partial void WorkflowRunError(this ILogger logger, Exception exception, string instanceId, TimeSpan backoff);

    [LoggerMessage(EventId = 1319, EventName = "WorkflowLeaseReleaseFailed", Level = LogLevel.Warning, Message = "Could not release the lease on instance {InstanceId}; it frees itself when the lease expires.")]
    public static partial void WorkflowLeaseReleaseFailed(this ILogger logger, Exception? exception, string instanceId);

    [LoggerMessage(EventId = 1320, EventName = "WorkflowRunnerStarted", Level = LogLevel.Information, Message = "Workflow runner {RunnerId} started with {MaxConcurrency} slots.")]
    public static partial void WorkflowRunnerStarted(this ILogger logger, string runnerId, int maxConcurrency);

    [LoggerMessage(EventId = 1321, EventName = "WorkflowRunnerLoopFailed", Level = LogLevel.Error, Message = "The workflow runner's loop failed; it retries after its poll interval.")]
    public static partial void WorkflowRunnerLoopFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1322, EventName = "WorkflowLeaseAcquireFailed", Level = LogLevel.Warning, Message = "Could not claim instance {InstanceId}.")]
    public static partial void WorkflowLeaseAcquireFailed(this ILogger logger, Exception exception, string instanceId);
}
