namespace MlConnector.Functions.Workflows;

/// <summary>What <see cref="DurableWorkflowContext"/> sends a Durable activity function for one attempt.</summary>
/// <param name="InstanceId">The calling workflow instance.</param>
/// <param name="TaskId">The call's sequence number in the workflow (1 for its first activity call), stable across replays and retries.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, and so on.</param>
/// <param name="InputJson">The activity input as web-defaults JSON; ids only, never secrets.</param>
public sealed record DurableActivityRequest(string InstanceId, int TaskId, int Attempt, string? InputJson);
