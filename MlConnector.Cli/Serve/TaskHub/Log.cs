namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>The standalone host's workflow engine log events (EventIds 1340–1359, in the workflow area's 1300s).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1340, EventName = "TaskHubWorkerStarted", Level = LogLevel.Information,
        Message = "Workflow worker {WorkerId} started on task hub {TaskHub} ({PartitionCount} partitions, {Workflows} workflows, {Activities} activities).")]
    public static partial void TaskHubWorkerStarted(this ILogger logger, string workerId, string taskHub, int partitionCount, int workflows, int activities);

    [LoggerMessage(EventId = 1341, EventName = "TaskHubWorkerStartFailed", Level = LogLevel.Error,
        Message = "Workflow worker could not start on task hub {TaskHub}; retrying in {RetryIn}.")]
    public static partial void TaskHubWorkerStartFailed(this ILogger logger, Exception exception, string taskHub, TimeSpan retryIn);

    [LoggerMessage(EventId = 1342, EventName = "TaskHubActivityRan", Level = LogLevel.Debug,
        Message = "Worker {WorkerId} ran activity {ActivityName} (#{TaskId}, attempt {Attempt}) of instance {InstanceId}.")]
    public static partial void TaskHubActivityRan(this ILogger logger, string workerId, string activityName, int taskId, int attempt, string instanceId);

    [LoggerMessage(EventId = 1343, EventName = "TaskHubActivityAbandoned", Level = LogLevel.Information,
        Message = "Activity {ActivityName} (#{TaskId}) of instance {InstanceId} was stopped by the host's shutdown; it runs again on a live worker.")]
    public static partial void TaskHubActivityAbandoned(this ILogger logger, string activityName, int taskId, string instanceId);
}
