namespace Microsoft.DurableTask;

/// <summary>The parent of a sub-orchestration (DurableTask.Abstractions 1.25.0).</summary>
public record ParentOrchestrationInstance(TaskName Name, string InstanceId);
