using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QboInvoiceToSpsWorkflow"/> as a Durable orchestration: a QBO invoice linked to an SPS purchase order goes to the trading partner as one RSX 810.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QboInvoiceToSpsOrchestrator
{
    [Function(nameof(QboInvoiceToSpsOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QboInvoiceToSpsWorkflow());
}
