namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// Log messages of the FreshBooks connector (EventIds 7000–7049). No token, verifier, signature or client data is ever
/// logged: only the connection, the operation, FreshBooks' status and counts.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, EventName = "FreshBooksCallSucceeded", Level = LogLevel.Debug,
        Message = "FreshBooks {Method} {Path} for connection {ConnectionId} answered {StatusCode}")]
    public static partial void FreshBooksCallSucceeded(this ILogger logger, string method, string path, string connectionId, int statusCode);

    [LoggerMessage(EventId = 7001, EventName = "FreshBooksAccessTokenRefused", Level = LogLevel.Information,
        Message = "FreshBooks refused the access token of connection {ConnectionId} (401); renewing it once")]
    public static partial void FreshBooksAccessTokenRefused(this ILogger logger, string connectionId);
}
