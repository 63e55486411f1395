namespace MlConnector.Core.Errors;

/// <summary>Log messages of the error mapper (EventIds 1200–1209).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, EventName = "VendorCallFailed", Level = LogLevel.Warning,
        Message = "{Connector} answered {StatusCode}, classified {Kind} (vendor code {VendorErrorCode}, request id {RequestId})")]
    public static partial void VendorCallFailed(this ILogger logger, string connector, int statusCode, ErrorKind kind, string? vendorErrorCode, string? requestId);

    [LoggerMessage(EventId = 1201, EventName = "VendorTransportFailed", Level = LogLevel.Warning,
        Message = "The call to {Connector} failed without a response, classified {Kind}")]
    public static partial void VendorTransportFailed(this ILogger logger, string connector, ErrorKind kind, Exception exception);
}
