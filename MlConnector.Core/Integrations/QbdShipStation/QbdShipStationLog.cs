namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Log messages of the <c>qbd-shipstation</c> integration (EventIds 3050–3099). No buyer address, password or ticket is logged.</summary>
internal static partial class QbdShipStationLog
{
    [LoggerMessage(EventId = 3050, EventName = "QbdOrdersFlagged", Level = LogLevel.Warning,
        Message = "{Count} order(s) of connection {ConnectionId} reference a customer or item QuickBooks Desktop does not know; flagged for review")]
    public static partial void QbdOrdersFlagged(this ILogger logger, string connectionId, int count);

    [LoggerMessage(EventId = 3051, EventName = "QbdReviewAlertFailed", Level = LogLevel.Warning,
        Message = "The review alert of connection {ConnectionId} could not be delivered; the orders stay flagged in the audit trail")]
    public static partial void QbdReviewAlertFailed(this ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 3052, EventName = "QbdDeliveryAccepted", Level = LogLevel.Information,
        Message = "ShipStation {ResourceType} for QuickBooks Desktop connection {ConnectionId} dispatched (duplicate: {Duplicate})")]
    public static partial void QbdDeliveryAccepted(this ILogger logger, string connectionId, string resourceType, bool duplicate);

    [LoggerMessage(EventId = 3053, EventName = "QbdPollFailed", Level = LogLevel.Error,
        Message = "The ShipStation poll of QuickBooks Desktop connection {ConnectionId} failed; the next pass tries again")]
    public static partial void QbdPollFailed(this ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 3054, EventName = "QbdInventoryStartFailed", Level = LogLevel.Error,
        Message = "The inventory reconciliation of connection {ConnectionId} could not be started")]
    public static partial void QbdInventoryStartFailed(this ILogger logger, string connectionId, Exception exception);
}
