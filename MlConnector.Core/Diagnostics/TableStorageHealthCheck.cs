using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Diagnostics;

/// <summary>Reports whether the Table service (Azure Storage or Azurite) answers.</summary>
/// <param name="tables">The table provider.</param>
public sealed class TableStorageHealthCheck(TableProvider tables) : IHealthCheck
{
    /// <summary>The name under which the check is registered and reported.</summary>
    public const string Name = "storage";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await tables.ProbeAsync(cancellationToken);
        return problem is null
            ? HealthCheckResult.Healthy("Table storage is reachable.")
            : HealthCheckResult.Unhealthy(problem);
    }
}
