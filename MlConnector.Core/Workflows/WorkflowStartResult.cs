namespace MlConnector.Core.Workflows;

/// <summary>The answer to <see cref="IWorkflowClient.StartAsync"/> and <see cref="IWorkflowClient.ReplayAsync"/>.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="IsDuplicate">True when the instance already existed and nothing was started.</param>
/// <param name="Status">The instance's status: <see cref="WorkflowRuntimeStatus.Pending"/> when started or held, the existing status for a duplicate.</param>
/// <param name="IsHeld">True when the instance's connection is paused, has as many workflows running as
/// <see cref="WorkflowAdmissionOptions.MaxActivePerConnection"/> allows, or still has held work ahead of it: the start is
/// recorded in <see cref="HeldWorkStore"/> and runs, in arrival order, once the connection is resumed and under its limit.</param>
public sealed record WorkflowStartResult(string InstanceId, bool IsDuplicate, WorkflowRuntimeStatus Status, bool IsHeld = false);
