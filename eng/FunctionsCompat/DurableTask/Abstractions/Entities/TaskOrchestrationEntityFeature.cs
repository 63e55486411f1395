using System.Diagnostics.CodeAnalysis;

namespace Microsoft.DurableTask.Entities;

/// <summary>Entity operations available to an orchestrator (DurableTask.Abstractions 1.25.0).</summary>
public abstract class TaskOrchestrationEntityFeature
{
    public abstract Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, object? input = null, CallEntityOptions? options = null);

    public virtual Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, CallEntityOptions? options)
        => CallEntityAsync<TResult>(id, operationName, null, options);

    public abstract Task CallEntityAsync(EntityInstanceId id, string operationName, object? input = null, CallEntityOptions? options = null);

    public virtual Task CallEntityAsync(EntityInstanceId id, string operationName, CallEntityOptions? options)
        => CallEntityAsync(id, operationName, null, options);

    public abstract Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null);

    public virtual Task SignalEntityAsync(EntityInstanceId id, string operationName, SignalEntityOptions? options)
        => SignalEntityAsync(id, operationName, null, options);

    public abstract Task<IAsyncDisposable> LockEntitiesAsync(IEnumerable<EntityInstanceId> entityIds);

    public virtual Task<IAsyncDisposable> LockEntitiesAsync(params EntityInstanceId[] entityIds)
        => LockEntitiesAsync((IEnumerable<EntityInstanceId>)entityIds);

    public abstract bool InCriticalSection([NotNullWhen(true)] out IReadOnlyList<EntityInstanceId>? entityIds);

    public virtual bool InCriticalSection() => InCriticalSection(out _);
}
