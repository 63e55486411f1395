namespace MlConnector.Core.Integrations.QboSps;

/// <summary>Log messages of the <c>qbo-sps</c> crosswalk check (EventIds 7680–7689).</summary>
internal static partial class QboSpsCrosswalkLog
{
    [LoggerMessage(EventId = 7680, EventName = "SpsCrosswalkChecked", Level = LogLevel.Information,
        Message = "Crosswalk of connection {ConnectionId}: {Broken} broken mappings, {Unmapped} unmapped QBO records ({NewlyReported} new)")]
    public static partial void SpsCrosswalkChecked(this ILogger logger, string connectionId, int broken, int unmapped, int newlyReported);

    [LoggerMessage(EventId = 7681, EventName = "SpsCrosswalkBroken", Level = LogLevel.Warning,
        Message = "Crosswalk of connection {ConnectionId}: {BusinessKey} is broken: {Problem}")]
    public static partial void SpsCrosswalkBroken(this ILogger logger, string connectionId, string businessKey, string problem);

    [LoggerMessage(EventId = 7682, EventName = "SpsCrosswalkFailed", Level = LogLevel.Error,
        Message = "Crosswalk check {JobName} failed for connection {ConnectionId}")]
    public static partial void SpsCrosswalkFailed(this ILogger logger, Exception exception, string jobName, string connectionId);
}
