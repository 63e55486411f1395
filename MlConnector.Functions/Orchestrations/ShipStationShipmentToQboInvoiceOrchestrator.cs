using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="ShipStationShipmentToQboInvoiceWorkflow"/> as a Durable orchestration: write ship date, carrier and tracking onto the order's QBO invoice.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class ShipStationShipmentToQboInvoiceOrchestrator
{
    [Function(nameof(ShipStationShipmentToQboInvoiceOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new ShipStationShipmentToQboInvoiceWorkflow());
}
