namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// Log messages of the FreshBooks connector (EventIds 4000–4049: STYLE rule 23 gives FreshBooks the 4000s; the intake
/// has 4100–4149 and freshbooks-ups 4200–4249). No token, verifier, signature or client data is ever logged: only the
/// connection, the operation, FreshBooks' status and counts. Successful calls are logged by <see cref="ConnectorHttp"/>.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "FreshBooksAccessTokenRefused", Level = LogLevel.Information,
        Message = "FreshBooks refused the access token of connection {ConnectionId} (401); renewing it once")]
    public static partial void FreshBooksAccessTokenRefused(this ILogger logger, string connectionId);
}
