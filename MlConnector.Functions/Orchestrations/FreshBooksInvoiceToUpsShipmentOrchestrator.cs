using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="FreshBooksInvoiceToUpsShipmentWorkflow"/> as a Durable orchestration: read a flagged FreshBooks invoice and its client, validate the ship-to address with UPS, rate, ship once, write the tracking number into the invoice and subscribe it to Track Alert.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class FreshBooksInvoiceToUpsShipmentOrchestrator
{
    [Function(nameof(FreshBooksInvoiceToUpsShipmentOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new FreshBooksInvoiceToUpsShipmentWorkflow());
}
