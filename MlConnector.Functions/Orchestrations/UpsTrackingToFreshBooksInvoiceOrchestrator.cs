using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="UpsTrackingToFreshBooksInvoiceWorkflow"/> as a Durable orchestration: write a package's new UPS status into its FreshBooks invoice (notes or line), Delivered never set back.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class UpsTrackingToFreshBooksInvoiceOrchestrator
{
    [Function(nameof(UpsTrackingToFreshBooksInvoiceOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new UpsTrackingToFreshBooksInvoiceWorkflow());
}
