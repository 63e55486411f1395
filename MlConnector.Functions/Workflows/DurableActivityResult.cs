using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// What a Durable activity function returns: its output, or its classified failure. Returning the failure (instead
/// of throwing) carries <see cref="WorkflowFailureDetails.Kind"/> and <see cref="WorkflowFailureDetails.RetryAfter"/>
/// back to the workflow, which Durable's exception details would lose, so <see cref="WorkflowRetryPolicy"/> applies
/// in Azure exactly as in the standalone runner.
/// </summary>
/// <param name="OutputJson">The output as web-defaults JSON; null on failure or for no output.</param>
/// <param name="Failure">The failure; null on success.</param>
public sealed record DurableActivityResult(string? OutputJson, WorkflowFailureDetails? Failure);
