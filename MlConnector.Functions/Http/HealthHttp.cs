using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Diagnostics;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>GET /api/health</c>: runs the registered health checks and writes the same JSON and status as the standalone
/// host (<see cref="HealthReportWriter"/>: 200 when healthy or degraded, 503 when unhealthy). Anonymous, so load
/// balancers and availability tests can call it; the report carries no exception details or secrets.
/// </summary>
/// <param name="healthChecks">The health check service (Core registers the checks).</param>
public sealed class HealthHttp(HealthCheckService healthChecks)
{
    [Function(nameof(HealthHttp))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = await healthChecks.CheckHealthAsync(cancellationToken);
        await HealthReportWriter.WriteAsync(request.HttpContext, report);
        return new EmptyResult();
    }
}
