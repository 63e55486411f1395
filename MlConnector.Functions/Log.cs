using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Errors;

namespace MlConnector.Functions;

/// <summary>The Functions app's log events (EventIds 9000–9199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9000, EventName = "FunctionFailed", Level = LogLevel.Error,
        Message = "Function {FunctionName} failed (invocation {InvocationId}).")]
    public static partial void FunctionFailed(this ILogger logger, Exception exception, string functionName, string invocationId);

    [LoggerMessage(EventId = 9001, EventName = "FunctionCallerDisconnected", Level = LogLevel.Information,
        Message = "Function {FunctionName} stopped because the caller disconnected (invocation {InvocationId}).")]
    public static partial void FunctionCallerDisconnected(this ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 9002, EventName = "FunctionFailedAfterResponseStarted", Level = LogLevel.Error,
        Message = "Function {FunctionName} failed after its response had started; the connection is aborted (invocation {InvocationId}).")]
    public static partial void FunctionFailedAfterResponseStarted(this ILogger logger, Exception exception, string functionName, string invocationId);

    [LoggerMessage(EventId = 9100, EventName = "HealthProbeUnhealthy", Level = LogLevel.Warning,
        Message = "Health probe: {Status}; failing checks: {FailingChecks}.")]
    public static partial void HealthProbeUnhealthy(this ILogger logger, HealthStatus status, string failingChecks);

    [LoggerMessage(EventId = 9101, EventName = "HealthProbeHealthy", Level = LogLevel.Debug,
        Message = "Health probe: {Status}.")]
    public static partial void HealthProbeHealthy(this ILogger logger, HealthStatus status);

    [LoggerMessage(EventId = 9102, EventName = "HealthProbePastDue", Level = LogLevel.Warning,
        Message = "Health probe timer is past due; the previous run was {LastRunUtc:o}.")]
    public static partial void HealthProbePastDue(this ILogger logger, DateTime? lastRunUtc);

    [LoggerMessage(EventId = 9130, EventName = "ScheduledJobPastDue", Level = LogLevel.Warning,
        Message = "Scheduled job {JobName} is past due; its timer last ran at {LastRunUtc:o}.")]
    public static partial void ScheduledJobPastDue(this ILogger logger, string jobName, DateTime? lastRunUtc);

    [LoggerMessage(EventId = 9131, EventName = "ScheduledJobCompleted", Level = LogLevel.Information,
        Message = "Scheduled job {JobName} completed in {Elapsed}.")]
    public static partial void ScheduledJobCompleted(this ILogger logger, string jobName, TimeSpan elapsed);
}
