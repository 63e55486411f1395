using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="UpsTrackingToQboBillWorkflow"/> as a Durable orchestration: write a package's new UPS status into the memo of its purchase order's QBO bill or journal entry.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class UpsTrackingToQboBillOrchestrator
{
    [Function(nameof(UpsTrackingToQboBillOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new UpsTrackingToQboBillWorkflow());
}
