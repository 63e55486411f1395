using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QboShipNoticeToSpsWorkflow"/> as a Durable orchestration: a shipped QBO invoice linked to an SPS purchase order goes to the trading partner as one RSX 856 ship notice.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QboShipNoticeToSpsOrchestrator
{
    [Function(nameof(QboShipNoticeToSpsOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QboShipNoticeToSpsWorkflow());
}
