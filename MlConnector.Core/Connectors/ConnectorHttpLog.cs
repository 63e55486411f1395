namespace MlConnector.Core.Connectors;

/// <summary>Log messages of <see cref="ConnectorHttp"/> (EventIds 1800–1819).</summary>
internal static partial class ConnectorHttpLog
{
    [LoggerMessage(EventId = 1800, EventName = "VendorCallSucceeded", Level = LogLevel.Debug,
        Message = "{Connector} {Method} {Path} for connection {ConnectionId} answered {StatusCode} (vendor request id {VendorRequestId})")]
    public static partial void VendorCallSucceeded(this ILogger logger, string connector, string method, string path, string connectionId, int statusCode, string? vendorRequestId);
}
