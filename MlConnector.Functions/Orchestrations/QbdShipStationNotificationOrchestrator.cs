using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="QbdShipStationNotificationWorkflow"/> as a Durable orchestration: A ShipStation delivery for a QuickBooks Desktop connection: fetch it and start the batch check or the shipments' postings.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class QbdShipStationNotificationOrchestrator
{
    [Function(nameof(QbdShipStationNotificationOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new QbdShipStationNotificationWorkflow());
}
