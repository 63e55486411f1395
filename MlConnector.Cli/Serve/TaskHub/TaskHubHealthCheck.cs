using DurableTask.AzureStorage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Workflows;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// Reports whether this process's Durable Task Framework worker runs, and how many workflow instances in the task hub
/// have failed and wait for an operator (Degraded while any do; a failed instance that was replayed is handled), and how
/// much engine work it held back for the webhook intake (<see cref="TaskHubIntakePriority"/>).
/// </summary>
/// <param name="worker">The worker.</param>
/// <param name="client">The workflow client, to count failed instances.</param>
/// <param name="settings">The task hub, whose name and partition count are reported.</param>
internal sealed class TaskHubHealthCheck(TaskHubWorkerService worker, IWorkflowClient client, AzureStorageOrchestrationServiceSettings settings) : IHealthCheck
{
    /// <summary>The name under which the check is registered and reported.</summary>
    public const string Name = "workflowRunner";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = (await client.ListFailedAsync(cancellationToken: cancellationToken)).Where(f => f.ReplayedBy is null).ToList();
        var data = new Dictionary<string, object>
        {
            ["engine"] = "DurableTask.AzureStorage",
            ["taskHub"] = settings.TaskHubName,
            ["partitionCount"] = settings.PartitionCount,
            ["workerId"] = worker.WorkerId,
            ["failedInstances"] = failed.Count,
        };

        if (worker.IntakePriority is { } intakePriority)
        {
            // Work items held so the webhook intake's acknowledgements went first, and for how long in total.
            data["intakePriorityHeldItems"] = intakePriority.HeldItems;
            data["intakePriorityHeldSeconds"] = Math.Round(intakePriority.Held.TotalSeconds, 1);
        }

        if (!worker.IsRunning)
        {
            return HealthCheckResult.Unhealthy(worker.StartError is { } error ? "The workflow worker cannot start: " + error : "The workflow worker is not running.", data: data);
        }

        return failed.Count > 0
            ? HealthCheckResult.Degraded($"{failed.Count} workflow instance(s) failed and wait for a fix and a replay.", data: data)
            : HealthCheckResult.Healthy("The workflow worker is running.", data);
    }
}
