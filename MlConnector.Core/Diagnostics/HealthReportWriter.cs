using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlConnector.Core.Diagnostics;

/// <summary>
/// Writes a health report as the JSON both hosts serve at <c>GET /api/health</c>:
/// <c>{"status":"Healthy|Degraded|Unhealthy","checks":{"storage":{"status":…,"description":…,"data":{…}},…}}</c>,
/// with HTTP 200 when healthy or degraded and 503 when unhealthy.
/// </summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The HTTP status for a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>200, or 503 when unhealthy.</returns>
    public static int StatusCodeFor(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
    }

    /// <summary>Serializes a report (no exception details or stack traces: they may carry connection strings).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
        };
        return JsonSerializer.Serialize(body, Json);
    }

    /// <summary>Writes the report to an ASP.NET Core response (used by <c>MapHealthChecks</c> and the Functions trigger).</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="report">The report.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodeFor(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(ToJson(report), context.RequestAborted);
    }
}
