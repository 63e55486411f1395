using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace Microsoft.DurableTask;

/// <summary>
/// The orchestrator's view of its instance (DurableTask.Abstractions 1.25.0). Every public and protected member of
/// the real class is declared with the same abstract / virtual / non-virtual status and the same delegation between
/// overloads, because Moq setups on one overload only see calls that end there.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    public abstract ParentOrchestrationInstance? Parent { get; }

    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract bool IsReplaying { get; }

    public virtual string Version => string.Empty;

    public virtual IReadOnlyDictionary<string, object?> Properties { get; } = new Dictionary<string, object?>();

    public virtual TaskOrchestrationEntityFeature Entities
        => throw new NotSupportedException($"Durable entities are not supported by {GetType()}.");

    /// <summary>A logger factory whose loggers write nothing while the orchestrator replays.</summary>
    public virtual ILoggerFactory ReplaySafeLoggerFactory => new ReplaySafeLoggerFactoryImpl(this);

    protected abstract ILoggerFactory LoggerFactory { get; }

    public abstract T? GetInput<T>();

    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object>(name, input, options);

    public virtual Task CallActivityAsync(TaskName name, TaskOptions options)
        => CallActivityAsync(name, null, options);

    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options)
        => CallActivityAsync<TResult>(name, null, options);

    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event or a durable timer of <paramref name="timeout"/>, whichever comes first (not virtual).</summary>
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
        => WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>
    /// Races a durable timer against the event wait and cancels the loser (not virtual). When the timer wins, the
    /// returned task ends with the event wait's cancellation.
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timerTask = CreateTimer(timeout, timerCts.Token);

        using var eventCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCts.Token);

        var winner = await Task.WhenAny(eventTask, timerTask);
        if (winner == eventTask)
        {
            await timerCts.CancelAsync();
        }
        else
        {
            await eventCts.CancelAsync();
        }

        return await eventTask;
    }

    public abstract void SendEvent(string instanceId, string eventName, object payload);

    public abstract void SetCustomStatus(object? customStatus);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options)
        => CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options)
        => CallSubOrchestratorAsync(orchestratorName, null, options);

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
        => CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    public virtual void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ContinueAsNew(options.NewInput, options.PreserveUnprocessedEvents);
    }

    public abstract Guid NewGuid();

    public virtual ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    public virtual ILogger CreateReplaySafeLogger(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new ReplaySafeLogger(this, LoggerFactory.CreateLogger(type));
    }

    public virtual ILogger CreateReplaySafeLogger<T>() => new ReplaySafeLogger(this, LoggerFactory.CreateLogger<T>());

    /// <summary>Compares <see cref="Version"/> with <paramref name="version"/>: numerically when both parse as versions, otherwise ordinally ignoring case; empty sorts first.</summary>
    public virtual int CompareVersionTo(string version)
    {
        var mine = Version;
        if (string.IsNullOrEmpty(mine) || string.IsNullOrEmpty(version))
        {
            return string.IsNullOrEmpty(mine) ? (string.IsNullOrEmpty(version) ? 0 : -1) : 1;
        }

        return System.Version.TryParse(mine, out var a) && System.Version.TryParse(version, out var b)
            ? a.CompareTo(b)
            : string.Compare(mine, version, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    private sealed class ReplaySafeLoggerFactoryImpl(TaskOrchestrationContext context) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Add providers to the host's logger factory.");

        public ILogger CreateLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
