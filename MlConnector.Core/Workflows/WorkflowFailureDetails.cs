using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// A failure as stored in history and shown to operators (Durable's <c>TaskFailureDetails</c> plus our
/// <see cref="ErrorKind"/>). Never holds a secret: messages come from <see cref="ConnectorException"/>s, which carry none.
/// </summary>
/// <param name="Kind">The taxonomy class; decides whether a retry policy retries it.</param>
/// <param name="ErrorType">The exception's full type name.</param>
/// <param name="Message">What failed, trimmed to <see cref="WorkflowLimits.MaxFailureMessageChars"/> characters.</param>
/// <param name="RetryAfter">How long the vendor asked us to wait, when it said (HTTP 429 <c>Retry-After</c>).</param>
public sealed record WorkflowFailureDetails(ErrorKind Kind, string ErrorType, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>Classifies an exception thrown by an activity or a workflow.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>
    /// The details: a <see cref="ConnectorException"/> keeps its kind and retry-after; a failed activity keeps its
    /// activity's details; <see cref="TimeoutException"/> and <see cref="HttpRequestException"/> count as
    /// <see cref="ErrorKind.Transient"/>; anything else is <see cref="ErrorKind.Unknown"/> (not retried by default).
    /// </returns>
    public static WorkflowFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is WorkflowActivityFailedException failed)
        {
            // Keep the activity's classification; the message names the activity and step for the operator.
            return failed.Failure with { Message = Trim(failed.Message) };
        }

        if (exception is WorkflowFailedException own)
        {
            // A workflow's own ConnectorException, already classified.
            return own.Failure with { Message = Trim(own.Message) };
        }

        var kind = exception switch
        {
            ConnectorException connector => connector.Kind,
            TimeoutException or HttpRequestException => ErrorKind.Transient,
            _ => ErrorKind.Unknown,
        };
        var retryAfter = (exception as ConnectorException)?.RetryAfter;
        return new WorkflowFailureDetails(kind, exception.GetType().FullName ?? exception.GetType().Name, Trim(exception.Message), retryAfter);
    }

    private static string Trim(string message) =>
        message.Length > WorkflowLimits.MaxFailureMessageChars ? message[..WorkflowLimits.MaxFailureMessageChars] : message;

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
