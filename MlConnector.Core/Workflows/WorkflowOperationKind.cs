namespace MlConnector.Core.Workflows;

/// <summary>What a workflow step waits for.</summary>
internal enum WorkflowOperationKind
{
    /// <summary>An activity call (with its retries).</summary>
    Activity = 0,

    /// <summary>A durable timer.</summary>
    Timer,

    /// <summary>A wait for an external event, with an optional timeout.</summary>
    Event,
}
