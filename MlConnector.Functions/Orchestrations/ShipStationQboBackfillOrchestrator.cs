using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="ShipStationQboBackfillWorkflow"/> as a Durable orchestration: historical ShipStation orders, page by
/// page, through the batched QBO path. Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class ShipStationQboBackfillOrchestrator
{
    [Function(nameof(ShipStationQboBackfillOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new ShipStationQboBackfillWorkflow());
}
