using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="ShipStationOrderToQboInvoiceWorkflow"/> as a Durable orchestration: check the order, ensure the QBO customer, create the invoice.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class ShipStationOrderToQboInvoiceOrchestrator
{
    [Function(nameof(ShipStationOrderToQboInvoiceOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new ShipStationOrderToQboInvoiceWorkflow());
}
