namespace Microsoft.DurableTask.Client;

/// <summary>Runtime status of an orchestration instance (DurableTask.Client 1.25.0).</summary>
public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    [Obsolete("The ContinuedAsNew status is obsolete and exists only for compatibility reasons.")]
    ContinuedAsNew,
    Failed,
    [Obsolete("The Canceled status is not currently used and exists only for compatibility reasons.")]
    Canceled,
    Terminated,
    Pending,
    Suspended,
}
