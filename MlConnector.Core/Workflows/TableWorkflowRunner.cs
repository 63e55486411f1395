using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Workflows;

/// <summary>
/// The in-process durable workflow runner of the standalone host (<c>mlconnector serve</c>): executes instances kept in
/// Table Storage (<see cref="Storage.StorageNames.Workflows"/>), replaying each from its history so a restarted process
/// resumes running instances without re-running completed activities.
/// </summary>
/// <remarks>
/// <para>
/// Each execution claims the instance with an ETag-checked lease on its state row (<see cref="WorkflowOptions.LeaseDuration"/>,
/// renewed while it runs), so two runner processes never execute one instance at once; a runner that dies leaves
/// its instances to others when the lease expires. A runner stopped gracefully hands its instances back at once.
/// </para>
/// <para>
/// At most <see cref="WorkflowOptions.MaxConcurrency"/> instances run at a time. Activity retries, timers and event
/// timeouts are durable: the instance is put aside with a wake time and picked up again when it comes, measured with
/// the injected <see cref="TimeProvider"/>. <see cref="WorkflowRunnerHostedService"/> drives the runner in a host.
/// </para>
/// </remarks>
public sealed class TableWorkflowRunner : IAsyncDisposable
{
    private const int MaxPasses = 100;

    private readonly WorkflowStore _store;
    private readonly WorkflowRegistry _registry;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly WorkflowWorkSignal _signal;
    private readonly WorkflowOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _executions = new();
    private readonly Lock _wakeLock = new();
    private DateTimeOffset? _nextWake;
    private int _disposed;
    private DateTimeOffset? _lastPassUtc;
    private long _executedTotal;
    private string? _lastError;

    internal TableWorkflowRunner(
        WorkflowStore store,
        WorkflowRegistry registry,
        IServiceScopeFactory scopeFactory,
        WorkflowWorkSignal signal,
        IOptions<WorkflowOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _store = store;
        _registry = registry;
        _scopeFactory = scopeFactory;
        _signal = signal;
        _options = options.Value;
        _time = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<TableWorkflowRunner>();
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        RunnerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        _logger.WorkflowRunnerStarted(RunnerId, _options.MaxConcurrency);
    }

    /// <summary>This runner's identity in leases: machine, process and a random part.</summary>
    public string RunnerId { get; }

    /// <summary>
    /// Executes every instance that is due now (started, resumed after a restart, a timer or retry come due, an event
    /// raised) until none is left, running up to <see cref="WorkflowOptions.MaxConcurrency"/> at once. Instances
    /// leased by a live runner are left alone.
    /// </summary>
    /// <param name="cancellationToken">Stops picking up work; instances in flight are handed back.</param>
    /// <returns>How many instance executions ran.</returns>
    /// <exception cref="ObjectDisposedException">When the runner was disposed.</exception>
    /// <exception cref="RequestFailedException">When the workflow table cannot be queried.</exception>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        var token = linked.Token;
        var executed = 0;
        try
        {
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                var now = _time.GetUtcNow();
                var due = await _store.QueryDueAsync(now, _options.MaxConcurrency * 4, token);
                var batch = new List<Task<bool>>();
                foreach (var row in due)
                {
                    if (row.LeaseOwner is not null && row.LeaseExpiresUtc > now)
                    {
                        NoteWake(row.LeaseExpiresUtc.Value);
                        continue;
                    }

                    if (!_running.TryAdd(row.InstanceId, 0))
                    {
                        continue;
                    }

                    try
                    {
                        await _slots.WaitAsync(token);
                    }
                    catch (OperationCanceledException)
                    {
                        _running.TryRemove(row.InstanceId, out _);
                        throw;
                    }

                    var execution = ExecuteAsync(row, token);
                    _executions.TryAdd(execution, 0);
                    batch.Add(execution);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                bool[] results;
                try
                {
                    results = await Task.WhenAll(batch);
                }
                finally
                {
                    foreach (var execution in batch)
                    {
                        _executions.TryRemove(execution, out _);
                    }
                }

                var ran = results.Count(r => r);
                executed += ran;
                if (ran == 0)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Disposed while running: instances in flight were handed back.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _lastError = $"{ex.GetType().Name}: {ex.Message}";
            throw;
        }

        _lastPassUtc = _time.GetUtcNow();
        _lastError = null;
        Interlocked.Add(ref _executedTotal, executed);
        return executed;
    }

    /// <summary>What the runner is doing, for the health endpoint.</summary>
    /// <returns>A snapshot of the runner's state.</returns>
    public WorkflowRunnerState GetState() => new(
        RunnerId,
        Volatile.Read(ref _disposed) == 0,
        _running.Count,
        _options.MaxConcurrency,
        Interlocked.Read(ref _executedTotal),
        _lastPassUtc,
        _lastError);

    /// <summary>
    /// Waits until there may be work: an instance started or an event raised in this process, the next wake time this
    /// runner knows of, or <see cref="WorkflowOptions.PollInterval"/> (for work from other processes), whichever is first.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the caller should call <see cref="RunDueAsync"/>.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task WaitForWorkAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var delay = _options.PollInterval;
        lock (_wakeLock)
        {
            if (_nextWake is { } wake)
            {
                if (wake <= now)
                {
                    _nextWake = null;
                    delay = TimeSpan.Zero;
                }
                else if (wake - now < delay)
                {
                    delay = wake - now;
                }
            }
        }

        if (delay == TimeSpan.Zero)
        {
            return;
        }

        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        var signal = _signal.WaitAsync(race.Token);
        var timer = Task.Delay(delay, _time, race.Token);
        await Task.WhenAny(signal, timer);
        await race.CancelAsync();
        await AwaitQuietlyAsync(signal);
        await AwaitQuietlyAsync(timer);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Stops the runner: cancels running executions (their activities see cancellation) and hands their instances back.</summary>
    /// <returns>A task that completes when every execution has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync();
        foreach (var execution in _executions.Keys)
        {
            try
            {
                await execution;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        // _slots and _shutdown are not disposed: an execution that was starting as disposal began may still release
        // its slot or read the token; neither holds an unmanaged resource.
    }

    private async Task<bool> ExecuteAsync(WorkflowInstanceRow row, CancellationToken token)
    {
        try
        {
            var now = _time.GetUtcNow();
            row.LeaseOwner = RunnerId + "/" + Guid.NewGuid().ToString("N");
            row.LeaseExpiresUtc = now + _options.LeaseDuration;
            row.RuntimeStatus = WorkflowRuntimeStatus.Running;
            row.LastUpdatedUtc = now;
            row.WaitingFor = null;
            try
            {
                if (!await _store.TryReplaceInstanceAsync(row, token))
                {
                    return false;
                }
            }
            catch (RequestFailedException ex)
            {
                _logger.WorkflowLeaseAcquireFailed(ex, row.InstanceId);
                return false;
            }

            using var executor = new WorkflowExecutor(row, _store, _registry, _scopeFactory, _options, _time, _loggerFactory, token);
            await executor.RunAsync();
            if (executor.NextWakeUtc is { } wake)
            {
                NoteWake(wake);
            }

            return true;
        }
        finally
        {
            _running.TryRemove(row.InstanceId, out _);
            _slots.Release();
        }
    }

    private static async Task AwaitQuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The other side of the race won.
        }
    }

    private void NoteWake(DateTimeOffset wake)
    {
        lock (_wakeLock)
        {
            if (_nextWake is null || wake < _nextWake)
            {
                _nextWake = wake;
            }
        }
    }
}
