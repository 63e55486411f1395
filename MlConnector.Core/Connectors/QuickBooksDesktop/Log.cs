using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>Log messages of the QuickBooks Desktop connector (EventIds 3000–3049). No password or ticket is ever logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, EventName = "QbdAnswerSignalled", Level = LogLevel.Debug,
        Message = "QuickBooks Desktop request {RequestId} of connection {ConnectionId} is {State}; told workflow {InstanceId}")]
    public static partial void QbdAnswerSignalled(this ILogger logger, string requestId, string connectionId, QuickBooksDesktopRequestState state, string instanceId);

    [LoggerMessage(EventId = 3001, EventName = "QbdAnswerSignalLost", Level = LogLevel.Warning,
        Message = "QuickBooks Desktop request {RequestId} of connection {ConnectionId} is {State}, but workflow {InstanceId} could not be told; the answer stays on the outbox row")]
    public static partial void QbdAnswerSignalLost(this ILogger logger, string requestId, string connectionId, QuickBooksDesktopRequestState state, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3002, EventName = "QbdConnectionError", Level = LogLevel.Warning,
        Message = "The Web Connector of connection {ConnectionId} could not reach QuickBooks ({HResult})")]
    public static partial void QbdConnectionError(this ILogger logger, string connectionId, string hResult);

    [LoggerMessage(EventId = 3003, EventName = "QbdSoapRejected", Level = LogLevel.Warning,
        Message = "Refused a Web Connector SOAP request: {Reason}")]
    public static partial void QbdSoapRejected(this ILogger logger, string reason);
}
