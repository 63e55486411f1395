namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>Log messages of the FreshBooks webhook intake (EventIds 4100–4149). No verifier, signature or form value is logged.</summary>
internal static partial class FreshBooksIntakeLog
{
    [LoggerMessage(EventId = 4100, EventName = "FreshBooksWebhookRejected", Level = LogLevel.Warning,
        Message = "FreshBooks delivery for connection {ConnectionId} rejected: {Reason}")]
    public static partial void FreshBooksWebhookRejected(this ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 4101, EventName = "FreshBooksWebhookDispatched", Level = LogLevel.Information,
        Message = "FreshBooks {EventName} of object {ObjectId} for connection {ConnectionId}: {Outcome}")]
    public static partial void FreshBooksWebhookDispatched(this ILogger logger, string connectionId, string eventName, long objectId, Audit.AuditOutcome outcome);

    [LoggerMessage(EventId = 4102, EventName = "FreshBooksCallbackConfirmed", Level = LogLevel.Information,
        Message = "FreshBooks callback {CallbackId} ({EventName}) of connection {ConnectionId} confirmed")]
    public static partial void FreshBooksCallbackConfirmed(this ILogger logger, string connectionId, long callbackId, string eventName);

    [LoggerMessage(EventId = 4103, EventName = "FreshBooksCallbackRefused", Level = LogLevel.Warning,
        Message = "FreshBooks refused the verifier of callback {CallbackId} of connection {ConnectionId} ({Kind})")]
    public static partial void FreshBooksCallbackRefused(this ILogger logger, string connectionId, long callbackId, string kind);

    [LoggerMessage(EventId = 4104, EventName = "FreshBooksCallbacksRegistered", Level = LogLevel.Information,
        Message = "FreshBooks callbacks of connection {ConnectionId} registered: {Events}; {Removed} earlier removed")]
    public static partial void FreshBooksCallbacksRegistered(this ILogger logger, string connectionId, string events, int removed);
}
