using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// An activity failed and its retry policy (if any) gave up. Thrown into the workflow at the
/// <see cref="IWorkflowContext.CallActivityAsync"/> call, like Durable's <c>TaskFailedException</c>; a workflow
/// catches it to compensate or lets it fail the instance.
/// </summary>
public sealed class WorkflowActivityFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowActivityFailedException()
        : this("unknown", 0, new WorkflowFailureDetails(ErrorKind.Unknown, nameof(Exception), "The activity failed."), 1)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public WorkflowActivityFailedException(string message)
        : this("unknown", 0, new WorkflowFailureDetails(ErrorKind.Unknown, nameof(Exception), message), 1)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowActivityFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ActivityName = "unknown";
        Failure = WorkflowFailureDetails.FromException(innerException);
        Attempts = 1;
    }

    /// <summary>Creates the exception for a failed step.</summary>
    /// <param name="activityName">The activity's name.</param>
    /// <param name="taskId">The step's sequence number in the instance.</param>
    /// <param name="failure">The last attempt's failure.</param>
    /// <param name="attempts">How many attempts ran.</param>
    public WorkflowActivityFailedException(string activityName, int taskId, WorkflowFailureDetails failure, int attempts)
        : base(FormatMessage(activityName, taskId, failure, attempts))
    {
        ArgumentNullException.ThrowIfNull(failure);
        ActivityName = activityName;
        TaskId = taskId;
        Failure = failure;
        Attempts = attempts;
    }

    /// <summary>The activity's name.</summary>
    public string ActivityName { get; }

    /// <summary>The step's sequence number in the instance.</summary>
    public int TaskId { get; }

    /// <summary>The last attempt's failure.</summary>
    public WorkflowFailureDetails Failure { get; }

    /// <summary>The taxonomy class of the failure.</summary>
    public ErrorKind Kind => Failure.Kind;

    /// <summary>How many attempts ran.</summary>
    public int Attempts { get; }

    private static string FormatMessage(string activityName, int taskId, WorkflowFailureDetails failure, int attempts) =>
        $"Activity '{activityName}' (#{taskId}) failed after {attempts} attempt(s): {failure?.Kind}: {failure?.Message}";
}
