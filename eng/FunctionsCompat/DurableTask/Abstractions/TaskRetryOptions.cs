namespace Microsoft.DurableTask;

/// <summary>Either a declarative <see cref="RetryPolicy"/> or a retry handler (DurableTask.Abstractions 1.25.0; sealed).</summary>
public sealed class TaskRetryOptions
{
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    public TaskRetryOptions(AsyncRetryHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handler = handler;
    }

    public RetryPolicy? Policy { get; }

    public AsyncRetryHandler? Handler { get; }

    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    public static implicit operator TaskRetryOptions(AsyncRetryHandler handler) => new(handler);

    public static implicit operator TaskRetryOptions(RetryHandler handler) => FromRetryHandler(handler);

    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    public static TaskRetryOptions FromRetryHandler(AsyncRetryHandler handler) => new(handler);

    public static TaskRetryOptions FromRetryHandler(RetryHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(context => Task.FromResult(handler(context)));
    }
}
