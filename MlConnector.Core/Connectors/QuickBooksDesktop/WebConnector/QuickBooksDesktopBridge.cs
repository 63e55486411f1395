using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// The workflow side of the pull model (DESIGN.md, "QuickBooks Desktop is pulled, not pushed"): an activity queues a
/// qbXML request in the connection's <see cref="QuickBooksDesktopOutbox"/> naming the waiting instance, then the workflow
/// waits here for <see cref="QuickBooksDesktopAnswerSignal.EventName"/>, which the Web Connector endpoint raises when
/// QuickBooks answered (or when a new session finds an add or mod unconfirmed). Only the signal (ids and a status code)
/// enters workflow history; an activity reads the stored answer.
/// </summary>
public static class QuickBooksDesktopBridge
{
    /// <summary>A new request id, the same on every replay (<see cref="IWorkflowContext.NewGuid"/>).</summary>
    /// <param name="context">The workflow context.</param>
    /// <returns>32 hex digits.</returns>
    public static string NewRequestId(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.NewGuid().ToString("N");
    }

    /// <summary>
    /// Waits for QuickBooks' answer to a queued request. A session that ends mid-queue leaves the request queued for the
    /// next one, so the wait spans Web Connector runs; the timeout bounds it.
    /// </summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="requestId">The request id the activity queued.</param>
    /// <param name="timeout">How long to wait, from the workflow's current time.</param>
    /// <returns>The signal.</returns>
    /// <exception cref="ConnectorException">
    /// Transient, when nothing came within <paramref name="timeout"/>: the Web Connector has not run (the computer is off,
    /// QuickBooks is closed, or QBWC's schedule is paused). The request stays queued and will still run; replaying the
    /// workflow re-queries first, so nothing is written twice.
    /// </exception>
    public static async Task<QuickBooksDesktopAnswerSignal> WaitForAnswerAsync(IWorkflowContext context, string requestId, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await context.WaitForExternalEventAsync<QuickBooksDesktopAnswerSignal>(QuickBooksDesktopAnswerSignal.EventName(requestId), timeout);
        }
        catch (TimeoutException ex)
        {
            throw new ConnectorException(
                "qbd",
                ErrorKind.Transient,
                $"QuickBooks Desktop did not answer request {requestId} within {timeout}: the Web Connector has not run (is the computer on, QuickBooks Desktop open and the Web Connector's schedule on?). The request stays queued; replay this workflow after the Web Connector ran.",
                innerException: ex);
        }
    }
}
