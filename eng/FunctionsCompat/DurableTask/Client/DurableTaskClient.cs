namespace Microsoft.DurableTask.Client;

/// <summary>
/// Starts and queries orchestration instances (DurableTask.Client 1.25.0). The overloads the app calls are declared
/// with the real abstract / virtual status and delegation; purge, terminate, restart, rewind, history and entity
/// members are not declared because the app does not use them. Mock with <c>new Mock&lt;DurableTaskClient&gt;("name")</c>.
/// </summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    protected DurableTaskClient(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellation);

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellation);

    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation)
        => RaiseEventAsync(instanceId, eventName, null, cancellation);

    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellation)
        => WaitForInstanceStartAsync(instanceId, false, cancellation);

    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellation)
        => WaitForInstanceCompletionAsync(instanceId, false, cancellation);

    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public virtual Task SuspendInstanceAsync(string instanceId, CancellationToken cancellation)
        => SuspendInstanceAsync(instanceId, null, cancellation);

    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    public virtual Task ResumeInstanceAsync(string instanceId, CancellationToken cancellation)
        => ResumeInstanceAsync(instanceId, null, cancellation);

    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation)
        => GetInstanceAsync(instanceId, false, cancellation);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public virtual Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, CancellationToken cancellation)
        => GetInstancesAsync(instanceId, false, cancellation);

    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public abstract Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);

    public abstract ValueTask DisposeAsync();
}
