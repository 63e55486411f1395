using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="ShipStationShipmentChunkToQboWorkflow"/> as a Durable orchestration: a chunk of up to 100 shipments applied
/// to their QBO invoices with one read and QBO's batch endpoint. Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class ShipStationShipmentChunkToQboOrchestrator
{
    [Function(nameof(ShipStationShipmentChunkToQboOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new ShipStationShipmentChunkToQboWorkflow());
}
