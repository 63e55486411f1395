namespace MlConnector.Core.Workflows;

/// <summary>One instance as the client reports it (Durable's <c>OrchestrationMetadata</c> with inputs and outputs).</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="InstanceId">The instance id.</param>
/// <param name="ConnectionId">The connection, when the id follows <see cref="WorkflowInstanceId.For"/>.</param>
/// <param name="RuntimeStatus">Where the instance is.</param>
/// <param name="SerializedInput">The input as JSON.</param>
/// <param name="SerializedCustomStatus">The last custom status as JSON, if any.</param>
/// <param name="SerializedOutput">The output as JSON, once completed.</param>
/// <param name="Failure">Why it failed, once failed.</param>
/// <param name="CreatedUtc">When it was started, UTC.</param>
/// <param name="LastUpdatedUtc">When its state last changed, UTC.</param>
/// <param name="ReplayOf">The failed instance this one replays, if it is a replay.</param>
/// <param name="ReplayedBy">The instance that replays this one, once replayed.</param>
public sealed record WorkflowInstanceStatus(
    string Name,
    string InstanceId,
    string? ConnectionId,
    WorkflowRuntimeStatus RuntimeStatus,
    string? SerializedInput,
    string? SerializedCustomStatus,
    string? SerializedOutput,
    WorkflowFailureDetails? Failure,
    DateTimeOffset CreatedUtc,
    DateTimeOffset LastUpdatedUtc,
    string? ReplayOf,
    string? ReplayedBy)
{
    /// <summary>Deserializes the input.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <returns>The input, or default when none.</returns>
    public T? ReadInputAs<T>() => WorkflowJson.Deserialize<T>(SerializedInput);

    /// <summary>Deserializes the output.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <returns>The output, or default when none.</returns>
    public T? ReadOutputAs<T>() => WorkflowJson.Deserialize<T>(SerializedOutput);

    /// <summary>Deserializes the custom status.</summary>
    /// <typeparam name="T">The custom status type.</typeparam>
    /// <returns>The custom status, or default when none.</returns>
    public T? ReadCustomStatusAs<T>() => WorkflowJson.Deserialize<T>(SerializedCustomStatus);
}
