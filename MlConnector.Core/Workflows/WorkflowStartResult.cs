namespace MlConnector.Core.Workflows;

/// <summary>The answer to <see cref="IWorkflowClient.StartAsync"/> and <see cref="IWorkflowClient.ReplayAsync"/>.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="IsDuplicate">True when the instance already existed and nothing was started.</param>
/// <param name="Status">The instance's status: <see cref="WorkflowRuntimeStatus.Pending"/> when started, the existing status for a duplicate.</param>
public sealed record WorkflowStartResult(string InstanceId, bool IsDuplicate, WorkflowRuntimeStatus Status);
