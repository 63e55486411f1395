namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// What a workflow engine adapter sends an activity for one attempt (the Durable activity function's input on Azure,
/// the Durable Task Framework activity's input under <c>mlconnector serve</c>). Its JSON shape is stored in
/// in-flight instances' histories: never rename a property.
/// </summary>
/// <param name="InstanceId">The calling workflow instance.</param>
/// <param name="TaskId">The call's sequence number in the workflow (1 for its first activity call), stable across replays and retries.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, and so on.</param>
/// <param name="InputJson">The activity input as web-defaults JSON; ids only, never secrets.</param>
public sealed record WorkflowActivityRequest(string InstanceId, int TaskId, int Attempt, string? InputJson);
