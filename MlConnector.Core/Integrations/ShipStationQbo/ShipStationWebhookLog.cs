namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Log messages of the ShipStation → QBO integration (EventIds 6100–6149).</summary>
internal static partial class ShipStationWebhookLog
{
    [LoggerMessage(EventId = 6100, EventName = "ShipStationWebhookAccepted", Level = LogLevel.Information, Message = "ShipStation {ResourceType} for connection {ConnectionId} accepted (duplicate: {Duplicate})")]
    public static partial void Accepted(ILogger logger, string connectionId, string resourceType, bool duplicate);

    [LoggerMessage(EventId = 6110, EventName = "ShipStationQboReconciled", Level = LogLevel.Information, Message = "Reconciliation of {ConnectionId}: {Found} orders modified since {SinceUtc:o}, {MissedOrders} orders and {MissedShipments} shipments missed by webhooks were started")]
    public static partial void Reconciled(ILogger logger, string connectionId, DateTimeOffset sinceUtc, int found, int missedOrders, int missedShipments);

    [LoggerMessage(EventId = 6111, EventName = "ShipStationQboReconcileFailed", Level = LogLevel.Error, Message = "Reconciliation of {ConnectionId} failed; its watermark stays where it was")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(EventId = 6113, EventName = "ShipStationQboReconcileSkipped", Level = LogLevel.Information, Message = "Reconciliation of {ConnectionId} skipped: another pass ({Owner}) holds its lease until {LeaseUntilUtc:o}")]
    public static partial void ReconcileSkipped(ILogger logger, string connectionId, string owner, DateTimeOffset leaseUntilUtc);

    [LoggerMessage(EventId = 6112, EventName = "ShipStationQboMappingPollFailed", Level = LogLevel.Error, Message = "Mapping poll of {ConnectionId} failed")]
    public static partial void MappingPollFailed(ILogger logger, Exception exception, string connectionId);
}
