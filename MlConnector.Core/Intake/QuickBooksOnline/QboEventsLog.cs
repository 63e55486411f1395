namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>Log messages of the QBO webhook intake and CDC reconciliation (EventIds 2101–2149). No token or signature is ever logged.</summary>
internal static partial class QboEventsLog
{
    [LoggerMessage(EventId = 2101, EventName = "QboWebhookRejected", Level = LogLevel.Warning, Message = "QBO webhook delivery of {Bytes} bytes rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, int bytes, string reason);

    [LoggerMessage(EventId = 2102, EventName = "QboWebhookVerifierTokenMissing", Level = LogLevel.Error, Message = "QBO webhook delivery refused: the verifier token secret {SecretName} is not in the secret store")]
    public static partial void VerifierTokenMissing(ILogger logger, string secretName);

    [LoggerMessage(EventId = 2103, EventName = "QboWebhookAccepted", Level = LogLevel.Information, Message = "QBO webhook delivery of {Events} events dispatched {ElapsedMs} ms after receipt: {Started} started, {Duplicates} duplicates, {Ignored} ignored, {Unrouted} for unserved realms, {Paused} for paused connections, {Failed} failed")]
    public static partial void Accepted(ILogger logger, int events, int started, int duplicates, int ignored, int unrouted, int paused, int failed, long elapsedMs);

    [LoggerMessage(EventId = 2104, EventName = "QboChangeDispatchFailed", Level = LogLevel.Error, Message = "Dispatching QBO {EntityName} {EntityId} ({Operation}) to connection {ConnectionId} failed; CDC reconciliation will find it again")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string connectionId, string entityName, string entityId, string operation);

    [LoggerMessage(EventId = 2105, EventName = "QboChangeDispatched", Level = LogLevel.Debug, Message = "QBO {EntityName} {EntityId} ({Operation}) from {Channel} for connection {ConnectionId}: {Outcome}")]
    public static partial void Dispatched(ILogger logger, string connectionId, QboChangeChannel channel, string entityName, string entityId, string operation, QboChangeDispatchOutcome outcome);

    [LoggerMessage(EventId = 2110, EventName = "QboChangesReconciled", Level = LogLevel.Information, Message = "CDC reconciliation of {ConnectionId}: {Found} changes since {SinceUtc:o}, {Started} missed by webhooks were started, {Duplicates} duplicates, {Ignored} ignored; watermark now {WatermarkUtc:o}")]
    public static partial void Reconciled(ILogger logger, string connectionId, DateTimeOffset sinceUtc, int found, int started, int duplicates, int ignored, DateTimeOffset watermarkUtc);

    [LoggerMessage(EventId = 2111, EventName = "QboChangeReconcileFailed", Level = LogLevel.Error, Message = "CDC reconciliation of {ConnectionId} failed; its watermark stays where it was")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(EventId = 2112, EventName = "QboChangeLookbackClamped", Level = LogLevel.Warning, Message = "CDC reconciliation of {ConnectionId}: its watermark {WatermarkUtc:o} is older than QBO's 30-day look-back; changes before {SinceUtc:o} cannot be recovered by CDC")]
    public static partial void LookbackClamped(ILogger logger, string connectionId, DateTimeOffset watermarkUtc, DateTimeOffset sinceUtc);

    [LoggerMessage(EventId = 2113, EventName = "QboChangeCdcTruncated", Level = LogLevel.Warning, Message = "CDC reconciliation of {ConnectionId}: the response held {Count} objects, QBO's maximum; the watermark moves only to the newest change seen and the next pass continues from there")]
    public static partial void CdcTruncated(ILogger logger, string connectionId, int count);
}
