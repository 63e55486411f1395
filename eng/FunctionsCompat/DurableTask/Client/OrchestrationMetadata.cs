namespace Microsoft.DurableTask.Client;

/// <summary>
/// State of an orchestration instance (DurableTask.Client 1.25.0; sealed). The <c>Read…As</c> methods throw
/// <see cref="InvalidOperationException"/> unless <see cref="DataConverter"/> is set, as the real class does.
/// </summary>
public sealed class OrchestrationMetadata
{
    public OrchestrationMetadata(string name, string instanceId)
    {
        Name = name;
        InstanceId = instanceId;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public DataConverter? DataConverter { get; init; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public T? ReadInputAs<T>() => Converter().Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => Converter().Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => Converter().Deserialize<T>(SerializedCustomStatus);

    private DataConverter Converter() => DataConverter
        ?? throw new InvalidOperationException("This metadata has no data converter; fetch it with getInputsAndOutputs set to true.");
}
