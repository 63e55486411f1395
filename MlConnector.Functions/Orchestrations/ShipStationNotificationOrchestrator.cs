using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="ShipStationNotificationWorkflow"/> as a Durable orchestration: fetch what a webhook delivery points at and start one order or shipment workflow per document.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class ShipStationNotificationOrchestrator
{
    [Function(nameof(ShipStationNotificationOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new ShipStationNotificationWorkflow());
}
