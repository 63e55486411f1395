namespace MlConnector.Core.Integrations.QboSps;

/// <summary>Log messages of the <c>qbo-sps</c> integration (EventIds 7600–7699).</summary>
internal static partial class QboSpsLog
{
    [LoggerMessage(EventId = 7600, EventName = "SpsOrderImported", Level = LogLevel.Information,
        Message = "SPS 850 {Path} of connection {ConnectionId}: {Outcome} QBO {QboEntity} {QboId} for {TradingPartnerId} PO {PurchaseOrderNumber}")]
    public static partial void SpsOrderImported(this ILogger logger, string path, string connectionId, SpsOrderImportOutcome outcome, string qboEntity, string qboId, string tradingPartnerId, string purchaseOrderNumber);

    [LoggerMessage(EventId = 7601, EventName = "SpsDocumentQuarantined", Level = LogLevel.Warning,
        Message = "SPS document {Path} of connection {ConnectionId} quarantined (kept at {BlobName}, not acknowledged): {Reason}")]
    public static partial void SpsDocumentQuarantined(this ILogger logger, string path, string connectionId, string blobName, string reason);

    [LoggerMessage(EventId = 7602, EventName = "SpsOrderPollFound", Level = LogLevel.Information,
        Message = "SPS poll of connection {ConnectionId} found {Count} documents and started {Started}")]
    public static partial void SpsOrderPollFound(this ILogger logger, string connectionId, int count, int started);

    [LoggerMessage(EventId = 7603, EventName = "SpsPollFailed", Level = LogLevel.Error,
        Message = "SPS poll {JobName} failed for connection {ConnectionId}")]
    public static partial void SpsPollFailed(this ILogger logger, Exception exception, string jobName, string connectionId);
}
