namespace MlConnector.Core.Workflows;

/// <summary>Where an instance is in its life (a subset of Durable's <c>OrchestrationRuntimeStatus</c>, mapped by name).</summary>
public enum WorkflowRuntimeStatus
{
    /// <summary>Started and not yet picked up by a runner.</summary>
    Pending = 0,

    /// <summary>Executing, or waiting for an activity retry, a timer or an external event.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with an error; see <see cref="WorkflowInstanceStatus.Failure"/>. Can be replayed.</summary>
    Failed,
}
