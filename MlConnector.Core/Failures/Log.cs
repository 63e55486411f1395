namespace MlConnector.Core.Failures;

/// <summary>Log messages of the failure queue (EventIds 1090–1099, the consent end of the Auth 1000s).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1090, EventName = "FailuresReplayedAfterConsent", Level = LogLevel.Information,
        Message = "Connection {ConnectionId} consented again at {Provider}: {Replayed} of {Waiting} failures that needed consent replayed")]
    public static partial void ReplayedAfterConsent(this ILogger logger, string connectionId, string provider, int replayed, int waiting);

    [LoggerMessage(EventId = 1091, EventName = "FailureReplayAfterConsentFailed", Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} consented again at {Provider}, but replaying its failures that needed consent failed; they stay in the failure queue")]
    public static partial void ReplayAfterConsentFailed(this ILogger logger, string connectionId, string provider, Exception exception);

    [LoggerMessage(EventId = 1092, EventName = "FailureReplayAfterConsentDeferred", Level = LogLevel.Information,
        Message = "Connection {ConnectionId} consented again at {Provider}: the callback's {Budget} for replays ran out after {Replayed}; the ReconsentReplay schedule replays the rest")]
    public static partial void ReplayAfterConsentDeferred(this ILogger logger, string connectionId, string provider, TimeSpan budget, int replayed);
}
