using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QbdOrderValidationWorkflow"/> as a Durable orchestration: Check a batch of ShipStation orders against QuickBooks Desktop's customers and items.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QbdOrderValidationOrchestrator
{
    [Function(nameof(QbdOrderValidationOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QbdOrderValidationWorkflow());
}
