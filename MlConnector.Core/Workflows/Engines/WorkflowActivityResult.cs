namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// What an activity returns to its engine: its output, or its classified failure. Returning the failure (instead of
/// throwing) carries <see cref="WorkflowFailureDetails.Kind"/> and <see cref="WorkflowFailureDetails.RetryAfter"/>
/// back to the workflow, which an engine's exception details would lose, so <see cref="WorkflowRetryPolicy"/> decides
/// the same way on every engine. Its JSON shape is stored in histories: never rename a property.
/// </summary>
/// <param name="OutputJson">The output as web-defaults JSON; null on failure or for no output.</param>
/// <param name="Failure">The failure; null on success.</param>
public sealed record WorkflowActivityResult(string? OutputJson, WorkflowFailureDetails? Failure);
