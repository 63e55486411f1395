namespace MlConnector.Core.Resilience;

/// <summary>Log messages of rate governors (EventIds 1210–1219).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1210, EventName = "RateGovernorPaused", Level = LogLevel.Warning,
        Message = "{Connector} budget {RateLimitKey} paused for {PauseSeconds} s, until {PausedUntil:O}")]
    public static partial void RateGovernorPaused(this ILogger logger, string connector, string rateLimitKey, double pauseSeconds, DateTimeOffset pausedUntil);

    [LoggerMessage(EventId = 1211, EventName = "RateGovernorWaiting", Level = LogLevel.Debug,
        Message = "{Connector} budget {RateLimitKey} exhausted; waiting {WaitMilliseconds} ms for a permit")]
    public static partial void RateGovernorWaiting(this ILogger logger, string connector, string rateLimitKey, double waitMilliseconds);
}
