using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="SpsOrderToQboWorkflow"/> as a Durable orchestration: an SPS 850 becomes (or revises) one QBO purchase order, then is acknowledged at SPS.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class SpsOrderToQboOrchestrator
{
    [Function(nameof(SpsOrderToQboOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new SpsOrderToQboWorkflow());
}
