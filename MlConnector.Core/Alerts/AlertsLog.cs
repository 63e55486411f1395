namespace MlConnector.Core.Alerts;

/// <summary>Alert log messages (EventIds 1600–1699).</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 1600, EventName = "AlertRaised", Level = LogLevel.Warning, Message = "Alert {Rule} for connection {ConnectionId}: {AlertText}")]
    public static partial void AlertRaised(this ILogger logger, string connectionId, string rule, string alertText);

    [LoggerMessage(EventId = 1601, EventName = "AlertResolved", Level = LogLevel.Information, Message = "Alert {Rule} for connection {ConnectionId} resolved; the rule is armed again.")]
    public static partial void AlertResolved(this ILogger logger, string connectionId, string rule);

    [LoggerMessage(EventId = 1602, EventName = "AlertDeliveryFailed", Level = LogLevel.Error, Message = "Alert {Rule} for connection {ConnectionId} could not be delivered to the webhook; the next evaluation tries again.")]
    public static partial void AlertDeliveryFailed(this ILogger logger, Exception exception, string connectionId, string rule);

    [LoggerMessage(EventId = 1603, EventName = "AlertWebhookInvalid", Level = LogLevel.Error, Message = "The secret {SecretName} is not an HTTPS URL; alerts go to the log only.")]
    public static partial void AlertWebhookInvalid(this ILogger logger, string secretName);

    [LoggerMessage(EventId = 1604, EventName = "AlertEvaluationFailed", Level = LogLevel.Error, Message = "Evaluating the alerts of connection {ConnectionId} failed; the next pass tries again.")]
    public static partial void AlertEvaluationFailed(this ILogger logger, Exception exception, string connectionId);
}
