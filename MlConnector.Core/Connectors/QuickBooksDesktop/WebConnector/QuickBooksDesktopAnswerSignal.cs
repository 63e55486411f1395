namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// What the Web Connector endpoint tells a workflow waiting for QuickBooks' answer to one of its queued requests (an
/// external event named <see cref="EventName"/>): ids and a status code only, never the document, which stays on the
/// outbox row (<see cref="QuickBooksDesktopOutbox.GetPagesAsync"/>).
/// </summary>
/// <param name="RequestId">The request's <c>requestID</c> (the first page's, for an iterator).</param>
/// <param name="State"><see cref="QuickBooksDesktopRequestState.Answered"/> (every page is stored), or <see cref="QuickBooksDesktopRequestState.Unconfirmed"/> (an add or mod whose answer was lost: re-query by RefNumber).</param>
/// <param name="StatusCode">The qbXML <c>statusCode</c> of the (last) answer, or null when unconfirmed.</param>
public sealed record QuickBooksDesktopAnswerSignal(string RequestId, QuickBooksDesktopRequestState State, int? StatusCode)
{
    /// <summary>The external event a workflow waits on for a request: <c>qbd-answer-{requestId}</c>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The event name.</returns>
    public static string EventName(string requestId) => "qbd-answer-" + requestId;
}
