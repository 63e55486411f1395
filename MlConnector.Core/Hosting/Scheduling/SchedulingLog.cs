namespace MlConnector.Core.Hosting.Scheduling;

/// <summary>Log messages of the cron scheduler (EventIds 1400–1419).</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 1400, EventName = "JobScheduled", Level = LogLevel.Information, Message = "Job {JobName} scheduled with cron {Cron} (UTC)")]
    public static partial void JobScheduled(this ILogger logger, string jobName, string cron);

    [LoggerMessage(EventId = 1401, EventName = "JobStarting", Level = LogLevel.Information, Message = "Job {JobName} starting for occurrence {OccurrenceUtc:o}")]
    public static partial void JobStarting(this ILogger logger, string jobName, DateTimeOffset occurrenceUtc);

    [LoggerMessage(EventId = 1402, EventName = "JobFailed", Level = LogLevel.Error, Message = "Job {JobName} failed for occurrence {OccurrenceUtc:o}; the schedule continues")]
    public static partial void JobFailed(this ILogger logger, Exception exception, string jobName, DateTimeOffset occurrenceUtc);

    [LoggerMessage(EventId = 1403, EventName = "JobHasNoNextOccurrence", Level = LogLevel.Warning, Message = "Job {JobName} has no further occurrence; it stops")]
    public static partial void JobHasNoNextOccurrence(this ILogger logger, string jobName);
}
