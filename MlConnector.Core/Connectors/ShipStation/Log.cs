namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>Log messages of the ShipStation connector (EventIds 6000–6099). No credential, signature or webhook target URL is ever logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, EventName = "ShipStationResourceFetched", Level = LogLevel.Information,
        Message = "Fetched {Count} {Resource} from a webhook resource_url in {Pages} page(s) for connection {ConnectionId}")]
    public static partial void ShipStationResourceFetched(this ILogger logger, int count, string resource, int pages, string connectionId);

    [LoggerMessage(EventId = 6002, EventName = "ShipStationResourceRejected", Level = LogLevel.Warning,
        Message = "Rejected a resource_url for connection {ConnectionId}: {Reason} (host {Host}, expected {ExpectedHost}); no request was sent")]
    public static partial void ShipStationResourceRejected(this ILogger logger, string connectionId, string reason, string host, string expectedHost);

    [LoggerMessage(EventId = 6003, EventName = "ShipStationWebhookSubscribed", Level = LogLevel.Information,
        Message = "Subscribed ShipStation webhook {WebHookId} ({HookType}) for connection {ConnectionId}")]
    public static partial void ShipStationWebhookSubscribed(this ILogger logger, string webHookId, string hookType, string connectionId);

    [LoggerMessage(EventId = 6004, EventName = "ShipStationWebhookUnsubscribed", Level = LogLevel.Information,
        Message = "Removed ShipStation webhook {WebHookId} for connection {ConnectionId}")]
    public static partial void ShipStationWebhookUnsubscribed(this ILogger logger, string webHookId, string connectionId);

    [LoggerMessage(EventId = 6005, EventName = "ShipStationWebhookAlreadyGone", Level = LogLevel.Information,
        Message = "ShipStation webhook {WebHookId} of connection {ConnectionId} was already removed (404)")]
    public static partial void ShipStationWebhookAlreadyGone(this ILogger logger, string webHookId, string connectionId);

    [LoggerMessage(EventId = 6006, EventName = "ShipStationCredentialsMissing", Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} has no ShipStation secret {SecretPurpose} in the secret store")]
    public static partial void ShipStationCredentialsMissing(this ILogger logger, string connectionId, string secretPurpose);

    [LoggerMessage(EventId = 6007, EventName = "ShipStationV2WebhookRejected", Level = LogLevel.Warning,
        Message = "Rejected a ShipStation V2 webhook delivery: {Verification} (key id {KeyId})")]
    public static partial void ShipStationV2WebhookRejected(this ILogger logger, ShipStationWebhookVerification verification, string? keyId);

    [LoggerMessage(EventId = 6008, EventName = "ShipStationShipmentsOfOtherOrdersDropped", Level = LogLevel.Debug,
        Message = "Dropped {Count} shipment(s) whose order number only starts with {OrderNumber} for connection {ConnectionId}")]
    public static partial void ShipStationShipmentsOfOtherOrdersDropped(this ILogger logger, int count, string orderNumber, string connectionId);

    [LoggerMessage(EventId = 6020, EventName = "ShipStationFulfillmentsOfOtherOrdersDropped", Level = LogLevel.Debug,
        Message = "Dropped {Count} fulfillment(s) whose order number is not exactly {OrderNumber} for connection {ConnectionId}")]
    public static partial void ShipStationFulfillmentsOfOtherOrdersDropped(this ILogger logger, int count, string orderNumber, string connectionId);
}
