namespace Microsoft.DurableTask;

/// <summary>Options for an activity or sub-orchestration call (DurableTask.Abstractions 1.25.0; a record).</summary>
public record TaskOptions
{
    public TaskOptions(TaskRetryOptions? retry)
        : this(retry, null)
    {
    }

    public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null)
    {
        Retry = retry;
        Tags = tags;
    }

    public TaskRetryOptions? Retry { get; init; }

    public IDictionary<string, string>? Tags { get; init; }

    public TaskVersion? Version { get; init; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(TaskRetryOptions.FromRetryPolicy(policy));

    public static TaskOptions FromRetryHandler(AsyncRetryHandler handler) => new(TaskRetryOptions.FromRetryHandler(handler));

    public static TaskOptions FromRetryHandler(RetryHandler handler) => new(TaskRetryOptions.FromRetryHandler(handler));

    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}
