using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QbdShipmentToQbdWorkflow"/> as a Durable orchestration: Record a shipped order in QuickBooks Desktop as one invoice or journal entry keyed by the order number.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QbdShipmentToQbdOrchestrator
{
    [Function(nameof(QbdShipmentToQbdOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QbdShipmentToQbdWorkflow());
}
