using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// A workflow's own code failed the instance with a <see cref="ConnectorException"/> (for example a second QuickBooks
/// Desktop 3200 stale EditSequence, <see cref="ErrorKind.Conflict"/>), as opposed to an activity whose retries gave up
/// (<see cref="WorkflowActivityFailedException"/>). The engines keep only an exception's type and message, so the message
/// carries the kind (<c>Workflow 'X' failed: Conflict: …</c>) and the workflow client reads it back
/// (<see cref="Engines.EngineWorkflowClient.ReadFailure"/>); without it such a failure was shown as
/// <see cref="ErrorKind.Unknown"/> ("something failed on ml-connector's side") whatever its kind.
/// </summary>
public sealed class WorkflowFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException()
        : this("unknown", new WorkflowFailureDetails(ErrorKind.Unknown, nameof(Exception), "The workflow failed."))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public WorkflowFailedException(string message)
        : this("unknown", new WorkflowFailureDetails(ErrorKind.Unknown, nameof(Exception), message))
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        WorkflowName = "unknown";
        Failure = WorkflowFailureDetails.FromException(innerException);
    }

    /// <summary>Creates the exception for a workflow whose code threw <paramref name="innerException"/>.</summary>
    /// <param name="workflowName">The workflow's name.</param>
    /// <param name="failure">The classified failure (<see cref="WorkflowFailureDetails.FromException"/>).</param>
    /// <param name="innerException">What the workflow threw.</param>
    public WorkflowFailedException(string workflowName, WorkflowFailureDetails failure, Exception? innerException = null)
        : base(FormatMessage(workflowName, failure), innerException)
    {
        ArgumentNullException.ThrowIfNull(failure);
        WorkflowName = workflowName;
        Failure = failure;
    }

    /// <summary>The workflow's name.</summary>
    public string WorkflowName { get; }

    /// <summary>The classified failure.</summary>
    public WorkflowFailureDetails Failure { get; }

    /// <summary>The taxonomy class of the failure.</summary>
    public ErrorKind Kind => Failure.Kind;

    private static string FormatMessage(string workflowName, WorkflowFailureDetails failure) =>
        $"Workflow '{workflowName}' failed: {failure?.Kind}: {failure?.Message}";
}
