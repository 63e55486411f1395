using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Reports the in-process runner's state and how many workflow instances have failed and wait for an operator
/// (standalone host only; on Azure, Durable Functions Monitor shows this).
/// </summary>
/// <param name="runner">The runner.</param>
/// <param name="client">The workflow client, to count failed instances.</param>
public sealed class WorkflowRunnerHealthCheck(TableWorkflowRunner runner, IWorkflowClient client) : IHealthCheck
{
    /// <summary>The name under which the check is registered and reported.</summary>
    public const string Name = "workflowRunner";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = runner.GetState();
        // A failed instance that has been replayed is handled; only the others wait for an operator.
        var failed = (await client.ListFailedAsync(cancellationToken: cancellationToken)).Where(f => f.ReplayedBy is null).ToList();
        var data = new Dictionary<string, object>
        {
            ["runnerId"] = state.RunnerId,
            ["inFlight"] = state.InFlight,
            ["maxConcurrency"] = state.MaxConcurrency,
            ["executedTotal"] = state.ExecutedTotal,
            ["lastPassUtc"] = state.LastPassUtc?.ToString("o", CultureInfo.InvariantCulture) ?? "never",
            ["failedInstances"] = failed.Count,
        };

        if (!state.IsRunning)
        {
            return HealthCheckResult.Unhealthy("The workflow runner has stopped.", data: data);
        }

        if (state.LastError is not null)
        {
            return HealthCheckResult.Degraded("The workflow runner's last pass failed: " + state.LastError, data: data);
        }

        return failed.Count > 0
            ? HealthCheckResult.Degraded($"{failed.Count} workflow instance(s) failed and wait for a fix and a replay.", data: data)
            : HealthCheckResult.Healthy("The workflow runner is running.", data);
    }
}
