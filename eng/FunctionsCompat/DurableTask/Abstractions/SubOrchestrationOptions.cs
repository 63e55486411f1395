namespace Microsoft.DurableTask;

/// <summary>Options for a sub-orchestration call (DurableTask.Abstractions 1.25.0; a record).</summary>
public record SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options?.Retry, options?.Tags)
    {
        ArgumentNullException.ThrowIfNull(options);
        InstanceId = instanceId;
        Version = options.Version;
    }

    public string? InstanceId { get; init; }

    public new TaskVersion? Version { get; init; }
}
