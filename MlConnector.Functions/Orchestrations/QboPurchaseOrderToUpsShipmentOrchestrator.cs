using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QboPurchaseOrderToUpsShipmentWorkflow"/> as a Durable orchestration: read the QBO purchase order, validate the ship-to address, rate and create the UPS shipment, post its cost to QBO, subscribe its packages to Track Alert.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QboPurchaseOrderToUpsShipmentOrchestrator
{
    [Function(nameof(QboPurchaseOrderToUpsShipmentOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QboPurchaseOrderToUpsShipmentWorkflow());
}
