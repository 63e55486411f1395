namespace MlConnector.Core.Intake;

/// <summary>Log messages of the webhook intake and its dispatcher (EventIds 1700–1719). No body, header or secret is logged.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 1700, EventName = "WebhookDeliveryRecorded", Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} from {Vendor} ({Topic}) for connection {ConnectionId} recorded, {Bytes} bytes, in a write of {Grouped} deliveries{Where}")]
    public static partial void Recorded(this ILogger logger, string deliveryId, string vendor, string? topic, string? connectionId, int bytes, int grouped, string where);

    [LoggerMessage(EventId = 1701, EventName = "WebhookDeliveryDispatched", Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} from {Vendor} dispatched {LatencyMs} ms after receipt")]
    public static partial void Dispatched(this ILogger logger, string deliveryId, string vendor, long latencyMs);

    [LoggerMessage(EventId = 1702, EventName = "WebhookDeliveryDispatchFailed", Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} from {Vendor}: dispatch attempt {Attempt} of {MaxAttempts} failed; it is tried again after its visibility timeout")]
    public static partial void DispatchFailed(this ILogger logger, Exception exception, string deliveryId, string vendor, long attempt, int maxAttempts);

    [LoggerMessage(EventId = 1703, EventName = "WebhookDeliveryPoisoned", Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} from {Vendor} failed {Attempts} dispatch attempts and was moved to queue {PoisonQueue}; replay it with POST /api/intake/poison/replay once the cause is fixed")]
    public static partial void Poisoned(this ILogger logger, string deliveryId, string vendor, long attempts, string poisonQueue);

    [LoggerMessage(EventId = 1704, EventName = "WebhookIntakeUnreadableMessage", Level = LogLevel.Error, Message = "Queue message {MessageId} is not a webhook delivery: {Reason}")]
    public static partial void Unreadable(this ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 1705, EventName = "WebhookIntakePollFailed", Level = LogLevel.Warning, Message = "Polling the webhook delivery queue failed; trying again in {DelayMs} ms")]
    public static partial void PollFailed(this ILogger logger, Exception exception, long delayMs);

    [LoggerMessage(EventId = 1706, EventName = "WebhookIntakeDispatchHeld", Level = LogLevel.Warning, Message = "Intake:DispatchDelay is set: this process dispatches no webhook delivery for {DelayMs} ms (a test switch)")]
    public static partial void DispatchHeld(this ILogger logger, long delayMs);

    [LoggerMessage(EventId = 1707, EventName = "WebhookPoisonReplayed", Level = LogLevel.Information, Message = "{Count} poison webhook deliveries moved back to queue {Queue} for dispatch")]
    public static partial void PoisonReplayed(this ILogger logger, int count, string queue);

    [LoggerMessage(EventId = 1708, EventName = "WebhookIntakeFull", Level = LogLevel.Warning, Message = "Webhook delivery from {Vendor} for connection {ConnectionId} answered 503 (Retry-After {RetryAfterSeconds} s): {Reason}; {InFlight} of {Capacity} record writes in flight")]
    public static partial void IntakeFull(this ILogger logger, string vendor, string? connectionId, string reason, int inFlight, int capacity, int retryAfterSeconds);

    [LoggerMessage(EventId = 1709, EventName = "WebhookIntakeRecordFailed", Level = LogLevel.Warning, Message = "Storage refused the record write of a webhook delivery from {Vendor} for connection {ConnectionId}")]
    public static partial void RecordFailed(this ILogger logger, Exception exception, string vendor, string? connectionId);

    [LoggerMessage(EventId = 1710, EventName = "WebhookDispatchThrottled", Level = LogLevel.Debug, Message = "The intake's record writes are under pressure: dispatching {Count} deliveries at a time after a {PauseMs} ms pause")]
    public static partial void DispatchThrottled(this ILogger logger, int count, long pauseMs);

    [LoggerMessage(EventId = 1711, EventName = "WebhookConnectionLimitReached", Level = LogLevel.Warning, Message = "Verified webhook delivery from {Vendor} for connection {ConnectionId} answered 429 (Retry-After {RetryAfterSeconds} s): the connection's delivery budget is spent")]
    public static partial void OverConnectionLimit(this ILogger logger, string vendor, string? connectionId, int retryAfterSeconds);

    [LoggerMessage(EventId = 1716, EventName = "WebhookHandshakeLimitReached", Level = LogLevel.Warning, Message = "Registration handshake from {Vendor} for connection {ConnectionId} answered 429 (Retry-After {RetryAfterSeconds} s): the connection's handshake budget is spent")]
    public static partial void OverHandshakeLimit(this ILogger logger, string vendor, string? connectionId, int retryAfterSeconds);

    [LoggerMessage(EventId = 1717, EventName = "WebhookMessageLeaseRenewed", Level = LogLevel.Debug, Message = "Delivery message {MessageId} kept invisible for another {VisibilityTimeoutMs} ms while it is dispatched (renewal {Renewal})")]
    public static partial void LeaseRenewed(this ILogger logger, string messageId, long visibilityTimeoutMs, int renewal);

    [LoggerMessage(EventId = 1718, EventName = "WebhookMessageLeaseRenewalFailed", Level = LogLevel.Warning, Message = "Renewing the visibility of delivery message {MessageId} failed; trying again in {DelayMs} ms")]
    public static partial void LeaseRenewalFailed(this ILogger logger, Exception exception, string messageId, long delayMs);

    [LoggerMessage(EventId = 1719, EventName = "WebhookMessageLeaseLost", Level = LogLevel.Warning, Message = "Delivery message {MessageId} was no longer ours to renew (gone, or visible again after {VisibilityTimeoutMs} ms and taken by another dispatcher); its dispatch goes on and the handlers dedupe the other copy")]
    public static partial void LeaseLost(this ILogger logger, string messageId, long visibilityTimeoutMs);
}
