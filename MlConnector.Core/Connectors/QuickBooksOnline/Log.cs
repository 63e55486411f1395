namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Log messages of the QuickBooks Online connector (EventIds 2000–2099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "QboAccessTokenRefused", Level = LogLevel.Information,
        Message = "QBO refused the access token of connection {ConnectionId} (401); renewing it and retrying once")]
    public static partial void AccessTokenRefused(this ILogger logger, string connectionId);

    [LoggerMessage(EventId = 2002, EventName = "QboStaleEntityRetry", Level = LogLevel.Information,
        Message = "Stale Object Error on {Entity} {EntityId} in realm {RealmId} at SyncToken {SyncToken}; re-reading and re-applying once")]
    public static partial void StaleEntityRetry(this ILogger logger, string entity, string entityId, string realmId, string syncToken);

    [LoggerMessage(EventId = 2003, EventName = "QboEntityUpdateConflict", Level = LogLevel.Warning,
        Message = "{Entity} {EntityId} in realm {RealmId} is still stale after a re-read; the update was not applied")]
    public static partial void EntityUpdateConflict(this ILogger logger, string entity, string entityId, string realmId);

    [LoggerMessage(EventId = 2004, EventName = "QboEntityCreated", Level = LogLevel.Information,
        Message = "QBO {Entity} {EntityId} created on realm {RealmId} (requestid {RequestId})")]
    public static partial void EntityCreated(this ILogger logger, string entity, string? entityId, string realmId, string requestId);

    [LoggerMessage(EventId = 2005, EventName = "QboEntityUpdated", Level = LogLevel.Information,
        Message = "Updated {Entity} {EntityId} in realm {RealmId}; new SyncToken {SyncToken}")]
    public static partial void EntityUpdated(this ILogger logger, string entity, string entityId, string realmId, string? syncToken);

    [LoggerMessage(EventId = 2006, EventName = "QboDuplicateDocNumber", Level = LogLevel.Warning,
        Message = "Realm {RealmId} has {Count} {Entity} entities with DocNumber {DocNumber}; using the oldest, {EntityId}")]
    public static partial void DuplicateDocNumber(this ILogger logger, string entity, string realmId, int count, string docNumber, string? entityId);

    [LoggerMessage(EventId = 2007, EventName = "QboQueryPaged", Level = LogLevel.Debug,
        Message = "QBO query of {Entity} on realm {RealmId} read {Count} rows in {Pages} pages")]
    public static partial void QueryPaged(this ILogger logger, string entity, string realmId, int count, int pages);

    [LoggerMessage(EventId = 2008, EventName = "QboBatchCompleted", Level = LogLevel.Debug,
        Message = "QBO batch of {Count} items on realm {RealmId} answered with {Faults} item fault(s) (intuit_tid {IntuitTid})")]
    public static partial void BatchCompleted(this ILogger logger, string realmId, int count, int faults, string? intuitTid);

    [LoggerMessage(EventId = 2100, EventName = "QboChangesCaptured", Level = LogLevel.Debug,
        Message = "QBO change data capture on realm {RealmId} returned {Count} objects changed since {ChangedSinceUtc:o}")]
    public static partial void ChangesCaptured(this ILogger logger, string realmId, int count, DateTimeOffset changedSinceUtc);
}
