namespace MlConnector.Core.Intake.ShipStation;

/// <summary>Log messages of the ShipStation webhook intake (EventIds 6100–6109). No URL secret is ever logged.</summary>
internal static partial class ShipStationIntakeLog
{
    [LoggerMessage(EventId = 6101, EventName = "ShipStationWebhookRejected", Level = LogLevel.Warning, Message = "ShipStation webhook for connection {ConnectionId} rejected: {Reason}")]
    public static partial void Rejected(this ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 6102, EventName = "ShipStationWebhookDropped", Level = LogLevel.Warning, Message = "ShipStation {ResourceType} delivery {DeliveryId} for connection {ConnectionId} dropped at dispatch: {Reason}")]
    public static partial void Dropped(this ILogger logger, string deliveryId, string connectionId, string? resourceType, string reason);

    [LoggerMessage(EventId = 6103, EventName = "ShipStationWebhookHandled", Level = LogLevel.Debug, Message = "ShipStation {ResourceType} delivery {DeliveryId} for connection {ConnectionId} handed to the {IntegrationKind} handler")]
    public static partial void Handled(this ILogger logger, string deliveryId, string connectionId, string resourceType, string integrationKind);

    [LoggerMessage(EventId = 6104, EventName = "ShipStationSigningKeysFetched", Level = LogLevel.Information, Message = "ShipStation V2 webhook signing keys fetched: {KeyCount} keys")]
    public static partial void SigningKeysFetched(this ILogger logger, int keyCount);

    [LoggerMessage(EventId = 6105, EventName = "ShipStationSigningKeysUnavailable", Level = LogLevel.Warning, Message = "ShipStation V2 webhook signing keys could not be fetched; not tried again for {RetrySeconds} s")]
    public static partial void SigningKeysUnavailable(this ILogger logger, Exception exception, int retrySeconds);
}
