namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>Log messages of the SPS Commerce connector (EventIds 7500–7599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7500, EventName = "SpsAccessTokenRefused", Level = LogLevel.Information,
        Message = "SPS Commerce refused the access token of connection {ConnectionId} (401); renewing it once")]
    public static partial void SpsAccessTokenRefused(this ILogger logger, string connectionId);

    [LoggerMessage(EventId = 7501, EventName = "SpsDocumentAlreadyRemoved", Level = LogLevel.Information,
        Message = "SPS Commerce document {Path} of connection {ConnectionId} was already removed")]
    public static partial void SpsDocumentAlreadyRemoved(this ILogger logger, string path, string connectionId);
}
