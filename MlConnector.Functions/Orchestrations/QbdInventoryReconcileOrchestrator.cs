using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QbdInventoryReconcileWorkflow"/> as a Durable orchestration: Compare open ShipStation order quantities with QuickBooks Desktop's quantities on hand.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QbdInventoryReconcileOrchestrator
{
    [Function(nameof(QbdInventoryReconcileOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QbdInventoryReconcileWorkflow());
}
