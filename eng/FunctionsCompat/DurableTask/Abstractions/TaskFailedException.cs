namespace Microsoft.DurableTask;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration fails (DurableTask.Abstractions 1.25.0; sealed).</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, Exception innerException)
        : base(MessageFor(taskName, taskId, innerException?.Message), innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base(MessageFor(taskName, taskId, failureDetails?.ErrorMessage))
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }

    private static string MessageFor(string taskName, int taskId, string? message)
        => $"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {message}";
}
