using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QbdOrderChangeWorkflow"/> as a Durable orchestration: Correct or void the QuickBooks Desktop transaction of an order ShipStation changed or cancelled after it was recorded.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QbdOrderChangeOrchestrator
{
    [Function(nameof(QbdOrderChangeOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QbdOrderChangeWorkflow());
}
