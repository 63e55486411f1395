using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Orchestrations;

/// <summary>
/// Runs Core's <see cref="SpsPartnerRejectionWorkflow"/> as a Durable orchestration: a trading partner's rejection of an accepted 810 or 856 fails as partner-rejected; its replay resends the correction.
/// Started by <see cref="DurableWorkflowClient"/>; never rename it, because in-flight instances replay by name.
/// </summary>
public static class SpsPartnerRejectionOrchestrator
{
    [Function(nameof(SpsPartnerRejectionOrchestrator))]
    public static Task<JsonElement?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        => DurableWorkflowRunner.RunAsync(context, new SpsPartnerRejectionWorkflow());
}
