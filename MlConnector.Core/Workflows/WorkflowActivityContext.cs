namespace MlConnector.Core.Workflows;

/// <summary>What an activity knows about the step it runs (Durable's <c>TaskActivityContext</c> plus the attempt).</summary>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="ActivityName">The activity's name.</param>
/// <param name="TaskId">The step's sequence number within the instance (1-based, deterministic).</param>
/// <param name="Attempt">This attempt's number, 1 for the first.</param>
public sealed record WorkflowActivityContext(string InstanceId, string ActivityName, int TaskId, int Attempt);
