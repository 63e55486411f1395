using System.Collections.Concurrent;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Runs one instance once, from the start, until it completes, fails or has to wait (a timer, a retry delay or an
/// event not raised yet): then it records what it waits for and releases the instance.
/// </summary>
/// <remarks>
/// <para>
/// Replay: history rows are delivered to the re-executing workflow in their recorded order, one at a time, each after
/// the workflow has gone idle, so it takes the same path as before; steps with a recorded outcome never run again.
/// New outcomes are written the same way, one at a time and before the workflow sees them, so the history order is
/// exactly the order the workflow observed.
/// </para>
/// <para>
/// Every write goes through the instance row's ETag while this run holds the row's lease: if another runner took the
/// lease (this one stalled past its expiry), the write fails and this run stops without writing anything.
/// </para>
/// </remarks>
internal sealed class WorkflowExecutor : IDisposable
{
    private const int MaxWriteRetries = 8;

    private readonly WorkflowStore _store;
    private readonly WorkflowRegistry _registry;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly WorkflowOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WorkflowInstanceRow _row;
    private readonly WorkflowSynchronizationContext _sync;
    private readonly WorkflowExecutionContext _context;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentQueue<ActivityAttemptResult> _results = new();
    private readonly List<Task> _attempts = [];
    private readonly CancellationTokenSource _episode;
    private readonly CancellationTokenSource _leaseLost = new();
    private readonly int _persistedScheduledCount;
    private List<WorkflowHistoryRow> _history = [];
    private Dictionary<int, WorkflowHistoryRow> _finalByTask = [];
    private Dictionary<int, WorkflowHistoryRow> _lastAttemptByTask = [];
    private int _cursor;
    private int _inFlight;
    private string? _nondeterminism;

    public WorkflowExecutor(
        WorkflowInstanceRow leasedRow,
        WorkflowStore store,
        WorkflowRegistry registry,
        IServiceScopeFactory scopeFactory,
        WorkflowOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CancellationToken shutdown)
    {
        _row = leasedRow;
        _store = store;
        _registry = registry;
        _scopeFactory = scopeFactory;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<TableWorkflowRunner>();
        _episode = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _persistedScheduledCount = leasedRow.ScheduledCount;
        _sync = new WorkflowSynchronizationContext(Signal);
        _context = new WorkflowExecutionContext(
            leasedRow.InstanceId,
            leasedRow.Name,
            leasedRow.InputJson,
            leasedRow.CreatedUtc.UtcDateTime,
            leasedRow.CustomStatusJson,
            loggerFactory,
            OnScheduled,
            () => _cursor < _history.Count || _context!.ScheduledCount < _persistedScheduledCount);
    }

    /// <summary>When the instance next needs a runner, once this run suspended it.</summary>
    public DateTimeOffset? NextWakeUtc { get; private set; }

    private string InstanceId => _row.InstanceId;

    public async Task RunAsync()
    {
        var token = _episode.Token;
        try
        {
            _history = await _store.ReadHistoryAsync(_row.PartitionKey, token);
            if (_history.Count != _row.HistoryCount)
            {
                throw new InvalidOperationException($"Instance {InstanceId} has {_history.Count} history rows but its state row counts {_row.HistoryCount}.");
            }

            _finalByTask = _history.Where(h => h.EventType != WorkflowHistoryEventType.ActivityAttemptFailed).ToDictionary(h => h.TaskId);
            _lastAttemptByTask = _history.Where(h => h.EventType == WorkflowHistoryEventType.ActivityAttemptFailed)
                .GroupBy(h => h.TaskId)
                .ToDictionary(g => g.Key, g => g.MaxBy(h => h.Attempt)!);
            _logger.WorkflowRunStarted(InstanceId, _row.Name, _history.Count);

            var workflowType = _registry.FindWorkflow(_row.Name);
            if (workflowType is null)
            {
                await FinishFailedAsync(new WorkflowFailureDetails(ErrorKind.Unknown, nameof(InvalidOperationException), $"Workflow '{_row.Name}' is not registered in this host."), null, token);
                return;
            }

            await using var scope = _scopeFactory.CreateAsyncScope();
            var workflow = (IWorkflow)scope.ServiceProvider.GetRequiredService(workflowType);
            await PumpAsync(workflow, token);
        }
        catch (OperationCanceledException) when (_leaseLost.IsCancellationRequested)
        {
            _logger.WorkflowLeaseLost(InstanceId);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _logger.WorkflowRunAbandoned(InstanceId);
            await ReleaseLeaseAsync(_time.GetUtcNow());
        }
        catch (Exception ex)
        {
            // Storage unreachable, an SDK timeout, a bug: hand the instance back to be tried again after a rest.
            _logger.WorkflowRunError(ex, InstanceId, _options.ErrorBackoff);
            await ReleaseLeaseAsync(_time.GetUtcNow() + _options.ErrorBackoff);
        }
        finally
        {
            await _episode.CancelAsync();
            await DrainAttemptsAsync();
        }
    }

    public void Dispose()
    {
        _wake.Dispose();
        _episode.Dispose();
        _leaseLost.Dispose();
    }

    private static async Task AwaitQuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Abandoned with the run.
        }
    }

    private async Task PumpAsync(IWorkflow workflow, CancellationToken token)
    {
        Task<string?>? workflowTask = null;
        _sync.Post(_ => workflowTask = workflow.RunSerializedAsync(_context), null);
        var renewAt = _time.GetUtcNow() + (_options.LeaseDuration / 3);
        while (true)
        {
            token.ThrowIfCancellationRequested();
            _sync.RunQueued();
            if (_nondeterminism is not null)
            {
                await FinishFailedAsync(new WorkflowFailureDetails(ErrorKind.Unknown, "Nondeterminism", _nondeterminism), null, token);
                return;
            }

            if (workflowTask is { IsCompleted: true })
            {
                await FinishAsync(workflowTask, token);
                return;
            }

            StartDueAttempts();
            if (_cursor < _history.Count)
            {
                Replay(_history[_cursor++]);
                continue;
            }

            if (_results.TryDequeue(out var result))
            {
                _inFlight--;
                await RecordAttemptAsync(result, token);
                continue;
            }

            if (await TryCompleteWaitAsync(token))
            {
                continue;
            }

            if (_inFlight > 0 || !_sync.IsEmpty)
            {
                if (_time.GetUtcNow() >= renewAt)
                {
                    await WriteStateAsync(token);
                    renewAt = _time.GetUtcNow() + (_options.LeaseDuration / 3);
                    continue;
                }

                await WaitForSignalAsync(Min(renewAt, NextDue()), token);
                continue;
            }

            PruneOpen();
            if (_context.Open.Count == 0)
            {
                await FinishFailedAsync(
                    new WorkflowFailureDetails(
                        ErrorKind.Unknown,
                        nameof(InvalidOperationException),
                        "The workflow awaited a task its context did not create (Task.Delay, Task.Run, I/O or ConfigureAwait(false) are not allowed in a workflow)."),
                    null,
                    token);
                return;
            }

            if (await TrySuspendAsync(token))
            {
                return;
            }
        }
    }

    private void OnScheduled(WorkflowOperation operation)
    {
        if (_finalByTask.TryGetValue(operation.TaskId, out var final))
        {
            if (!Matches(operation, final))
            {
                _nondeterminism ??= $"Step #{operation.TaskId} is now {operation.Kind} '{operation.Name}' but history recorded {final.Type} '{final.Name}'. The workflow's code changed while this instance was in flight; add a new workflow version instead of changing this one.";
            }

            operation.HasFinalRecord = true;
        }

        if (_lastAttemptByTask.TryGetValue(operation.TaskId, out var attempt))
        {
            if (!Matches(operation, attempt))
            {
                _nondeterminism ??= $"Step #{operation.TaskId} is now {operation.Kind} '{operation.Name}' but history recorded {attempt.Type} '{attempt.Name}'.";
            }

            operation.Attempts = attempt.Attempt;
            operation.RetryAtUtc = attempt.RetryAtUtc;
        }
    }

    private static bool Matches(WorkflowOperation operation, WorkflowHistoryRow row)
    {
        var kind = row.EventType switch
        {
            WorkflowHistoryEventType.TimerFired => WorkflowOperationKind.Timer,
            WorkflowHistoryEventType.EventReceived or WorkflowHistoryEventType.EventTimedOut => WorkflowOperationKind.Event,
            _ => WorkflowOperationKind.Activity,
        };
        return kind == operation.Kind && (kind == WorkflowOperationKind.Timer || string.Equals(row.Name, operation.Name, StringComparison.OrdinalIgnoreCase));
    }

    private void Replay(WorkflowHistoryRow row)
    {
        if (!_context.Open.TryGetValue(row.TaskId, out var operation))
        {
            if (row.TaskId <= _context.ScheduledCount)
            {
                // Scheduled, then canceled by the workflow (a timer it no longer needs): nothing to deliver.
                return;
            }

            _nondeterminism ??= $"History recorded {row.Type} '{row.Name}' for step #{row.TaskId}, which the workflow did not schedule (or no longer waits for). The workflow's code changed while this instance was in flight.";
            return;
        }

        Apply(operation, row);
    }

    /// <summary>Hands a recorded outcome to the workflow; its continuation runs on the next <see cref="WorkflowSynchronizationContext.RunQueued"/>.</summary>
    private void Apply(WorkflowOperation operation, WorkflowHistoryRow row)
    {
        if (row.EventType == WorkflowHistoryEventType.ActivityAttemptFailed)
        {
            operation.Attempts = row.Attempt;
            operation.RetryAtUtc = row.RetryAtUtc;
            return;
        }

        var recorded = row.RecordedUtc.UtcDateTime;
        if (recorded > _context.CurrentUtcDateTime)
        {
            _context.CurrentUtcDateTime = recorded;
        }

        _context.Open.Remove(operation.TaskId);
        switch (row.EventType)
        {
            case WorkflowHistoryEventType.ActivityCompleted:
            case WorkflowHistoryEventType.EventReceived:
                operation.Completion.TrySetResult(row.ResultJson);
                break;
            case WorkflowHistoryEventType.ActivityFailed:
                operation.Completion.TrySetException(new WorkflowActivityFailedException(operation.Name, operation.TaskId, row.Failure!, row.Attempt));
                break;
            case WorkflowHistoryEventType.TimerFired:
                operation.Completion.TrySetResult(null);
                break;
            case WorkflowHistoryEventType.EventTimedOut:
                operation.Completion.TrySetException(new TimeoutException($"Event '{operation.Name}' was not raised within {operation.Timeout}."));
                break;
            default:
                throw new InvalidOperationException($"Unknown history row type {row.Type}.");
        }
    }

    private void StartDueAttempts()
    {
        DateTimeOffset? now = null;
        foreach (var operation in _context.Open.Values)
        {
            if (operation.Kind != WorkflowOperationKind.Activity || operation.HasFinalRecord || operation.InFlight || operation.IsDone)
            {
                continue;
            }

            if (operation.RetryAtUtc is { } retryAt && retryAt > (now ??= _time.GetUtcNow()))
            {
                continue;
            }

            operation.InFlight = true;
            _inFlight++;
            var attempt = operation.Attempts + 1;
            _attempts.Add(Task.Run(() => RunAttemptAsync(operation, attempt)));
        }
    }

    private async Task RunAttemptAsync(WorkflowOperation operation, int attempt)
    {
        var token = _episode.Token;
        ActivityAttemptResult result;
        try
        {
            var type = _registry.FindActivity(operation.Name)
                ?? throw new InvalidOperationException($"Activity '{operation.Name}' is not registered in this host.");
            await using var scope = _scopeFactory.CreateAsyncScope();
            var activity = (IWorkflowActivity)scope.ServiceProvider.GetRequiredService(type);
            var json = await activity.RunSerializedAsync(new WorkflowActivityContext(InstanceId, operation.Name, operation.TaskId, attempt), operation.InputJson, token);
            if (json is { Length: > WorkflowLimits.MaxPayloadChars })
            {
                throw new InvalidOperationException($"Activity '{operation.Name}' returned {json.Length} characters of JSON; the limit is {WorkflowLimits.MaxPayloadChars}. Return ids, not documents.");
            }

            result = new ActivityAttemptResult(operation, attempt, json, null, null, Abandoned: false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            result = new ActivityAttemptResult(operation, attempt, null, null, null, Abandoned: true);
        }
        catch (Exception ex)
        {
            result = new ActivityAttemptResult(operation, attempt, null, WorkflowFailureDetails.FromException(ex), ex, Abandoned: false);
        }

        _results.Enqueue(result);
        Signal();
    }

    private async Task RecordAttemptAsync(ActivityAttemptResult result, CancellationToken token)
    {
        var operation = result.Operation;
        operation.InFlight = false;
        if (result.Abandoned)
        {
            token.ThrowIfCancellationRequested();
            throw new OperationCanceledException("An activity stopped because the runner is shutting down.");
        }

        var now = Now();
        var row = new WorkflowHistoryRow { TaskId = operation.TaskId, Name = operation.Name, Attempt = result.Attempt, RecordedUtc = now };
        if (result.Failure is null)
        {
            row.EventType = WorkflowHistoryEventType.ActivityCompleted;
            row.ResultJson = result.ResultJson;
        }
        else if (operation.Retry?.ShouldRetry(result.Attempt, result.Failure) == true)
        {
            row.EventType = WorkflowHistoryEventType.ActivityAttemptFailed;
            row.Failure = result.Failure;
            row.RetryAtUtc = now + operation.Retry.GetRetryDelay(result.Attempt, result.Failure);
        }
        else
        {
            row.EventType = WorkflowHistoryEventType.ActivityFailed;
            row.Failure = result.Failure;
        }

        await CommitAsync(row, null, token);
        if (row.EventType == WorkflowHistoryEventType.ActivityAttemptFailed)
        {
            _logger.WorkflowActivityRetryScheduled(result.Exception, operation.Name, operation.TaskId, InstanceId, result.Attempt, result.Failure!.Kind, row.RetryAtUtc!.Value);
        }
        else if (row.EventType == WorkflowHistoryEventType.ActivityFailed)
        {
            _logger.WorkflowActivityFailed(result.Exception, operation.Name, operation.TaskId, InstanceId, result.Attempt, result.Failure!.Kind);
        }

        Apply(operation, row);
    }

    /// <summary>Delivers at most one ready event, fired timer or timeout; events win over timeouts.</summary>
    private async Task<bool> TryCompleteWaitAsync(CancellationToken token)
    {
        PruneOpen();
        var waits = _context.Open.Values.Where(o => o.Kind == WorkflowOperationKind.Event).ToList();
        if (waits.Count > 0)
        {
            var inbox = await _store.ReadInboxAsync(_row.PartitionKey, token);
            foreach (var wait in waits)
            {
                var match = inbox.Find(e => string.Equals(e.EventName, wait.Name, StringComparison.OrdinalIgnoreCase));
                if (match is not null)
                {
                    var received = new WorkflowHistoryRow
                    {
                        EventType = WorkflowHistoryEventType.EventReceived,
                        TaskId = wait.TaskId,
                        Name = wait.Name,
                        ResultJson = match.PayloadJson,
                        EventRowKey = match.RowKey,
                        RecordedUtc = Now(),
                    };
                    await CommitAsync(received, match.RowKey, token);
                    Apply(wait, received);
                    return true;
                }
            }
        }

        var now = _time.GetUtcNow();
        var due = _context.Open.Values
            .Where(o => o.Kind is WorkflowOperationKind.Timer or WorkflowOperationKind.Event && o.DueUtc <= now)
            .OrderBy(o => o.DueUtc)
            .ThenBy(o => o.TaskId)
            .FirstOrDefault();
        if (due is null)
        {
            return false;
        }

        var row = new WorkflowHistoryRow
        {
            EventType = due.Kind == WorkflowOperationKind.Timer ? WorkflowHistoryEventType.TimerFired : WorkflowHistoryEventType.EventTimedOut,
            TaskId = due.TaskId,
            Name = due.Name,
            FireAtUtc = due.DueUtc,
            RecordedUtc = Now(),
        };
        await CommitAsync(row, null, token);
        Apply(due, row);
        return true;
    }

    private void PruneOpen()
    {
        foreach (var done in _context.Open.Values.Where(o => o.IsDone).Select(o => o.TaskId).ToList())
        {
            _context.Open.Remove(done);
        }
    }

    private DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var operation in _context.Open.Values.Where(o => !o.IsDone && !o.InFlight))
        {
            var due = operation.Kind == WorkflowOperationKind.Activity ? operation.RetryAtUtc : operation.DueUtc;
            next = Min(next, due);
        }

        return next;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    /// <summary>The timestamp for a new history row: now, but never before the workflow's current time.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        var current = new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero);
        return now < current ? current : now;
    }

    private void Signal()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // The run is over.
        }
    }

    private async Task WaitForSignalAsync(DateTimeOffset? until, CancellationToken token)
    {
        var delay = until is { } u ? u - _time.GetUtcNow() : TimeSpan.FromDays(1);
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : (delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay);
        using var race = CancellationTokenSource.CreateLinkedTokenSource(token);
        var signal = _wake.WaitAsync(race.Token);
        var timer = Task.Delay(delay, _time, race.Token);
        await Task.WhenAny(signal, timer);
        await race.CancelAsync();
        await AwaitQuietlyAsync(signal);
        await AwaitQuietlyAsync(timer);
        token.ThrowIfCancellationRequested();
    }

    private void PrepareRunningRow(DateTimeOffset now)
    {
        _row.RuntimeStatus = WorkflowRuntimeStatus.Running;
        _row.LastUpdatedUtc = now;
        _row.LeaseExpiresUtc = now + _options.LeaseDuration;
        _row.NextWakeUtc = now;
        _row.CustomStatusJson = _context.CustomStatusJson;
        _row.ScheduledCount = Math.Max(_row.ScheduledCount, _context.ScheduledCount);
    }

    private async Task CommitAsync(WorkflowHistoryRow history, string? consumedEventRowKey, CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            PrepareRunningRow(_time.GetUtcNow());
            history.PartitionKey = _row.PartitionKey;
            history.Index = _row.HistoryCount;
            history.RowKey = WorkflowHistoryRow.KeyFor(history.Index);
            _row.HistoryCount++;
            if (await _store.TryCommitAsync(_row, history, consumedEventRowKey, token))
            {
                return;
            }

            _row.HistoryCount--;
            await ReloadAsync(attempt, token);
        }
    }

    /// <summary>Renews the lease and stores the custom status.</summary>
    private async Task WriteStateAsync(CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            PrepareRunningRow(_time.GetUtcNow());
            if (await _store.TryReplaceInstanceAsync(_row, token))
            {
                return;
            }

            await ReloadAsync(attempt, token);
        }
    }

    /// <summary>After an ETag mismatch: keep going if the lease is still ours (a client raised an event), else stop.</summary>
    private async Task ReloadAsync(int attempt, CancellationToken token)
    {
        if (attempt >= MaxWriteRetries)
        {
            throw new InvalidOperationException($"Instance {InstanceId}'s state row kept changing; giving up this run.");
        }

        var fresh = await _store.GetInstanceAsync(InstanceId, token);
        if (fresh is null || !fresh.Active || fresh.LeaseOwner != _row.LeaseOwner || fresh.HistoryCount != _row.HistoryCount)
        {
            await _leaseLost.CancelAsync();
            throw new OperationCanceledException(_leaseLost.Token);
        }

        _row.ETag = fresh.ETag;
    }

    private async Task<bool> TrySuspendAsync(CancellationToken token)
    {
        var now = _time.GetUtcNow();
        var (owner, expires) = (_row.LeaseOwner, _row.LeaseExpiresUtc);
        var nextWake = NextDue();
        var events = _context.Open.Values.Where(o => o.Kind == WorkflowOperationKind.Event).Select(o => o.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        PrepareRunningRow(now);
        _row.NextWakeUtc = nextWake;
        _row.WaitingFor = events.Count == 0 ? null : string.Join(',', events);
        _row.LeaseOwner = null;
        _row.LeaseExpiresUtc = null;
        if (await _store.TryReplaceInstanceAsync(_row, token))
        {
            NextWakeUtc = nextWake;
            _logger.WorkflowSuspended(InstanceId, nextWake, _row.WaitingFor);
            return true;
        }

        (_row.LeaseOwner, _row.LeaseExpiresUtc, _row.WaitingFor) = (owner, expires, null);
        await ReloadAsync(0, token);
        return false;
    }

    private async Task FinishAsync(Task<string?> workflowTask, CancellationToken token)
    {
        if (workflowTask.IsCompletedSuccessfully)
        {
            var output = workflowTask.Result;
            if (output is { Length: > WorkflowLimits.MaxPayloadChars })
            {
                await FinishFailedAsync(new WorkflowFailureDetails(ErrorKind.Unknown, nameof(InvalidOperationException), $"The workflow's output is {output.Length} characters of JSON; the limit is {WorkflowLimits.MaxPayloadChars}."), null, token);
                return;
            }

            await WriteFinalAsync(WorkflowRuntimeStatus.Completed, output, null, token);
            _logger.WorkflowCompleted(InstanceId, _row.Name);
            return;
        }

        var exception = workflowTask.Exception?.InnerException ?? new OperationCanceledException("The workflow was canceled.");
        await FinishFailedAsync(WorkflowFailureDetails.FromException(exception), exception, token);
    }

    private async Task FinishFailedAsync(WorkflowFailureDetails failure, Exception? exception, CancellationToken token)
    {
        await WriteFinalAsync(WorkflowRuntimeStatus.Failed, null, failure, token);
        _logger.WorkflowFailed(exception, InstanceId, _row.Name, failure.Kind, failure.ErrorType);
    }

    private async Task WriteFinalAsync(WorkflowRuntimeStatus status, string? output, WorkflowFailureDetails? failure, CancellationToken token)
    {
        var (owner, expires) = (_row.LeaseOwner, _row.LeaseExpiresUtc);
        for (var attempt = 0; ; attempt++)
        {
            var now = _time.GetUtcNow();
            PrepareRunningRow(now);
            _row.RuntimeStatus = status;
            _row.OutputJson = output;
            _row.Failure = failure;
            _row.CompletedUtc = now;
            _row.NextWakeUtc = null;
            _row.WaitingFor = null;
            _row.LeaseOwner = null;
            _row.LeaseExpiresUtc = null;
            if (await _store.TryReplaceInstanceAsync(_row, token))
            {
                return;
            }

            (_row.LeaseOwner, _row.LeaseExpiresUtc) = (owner, expires);
            _row.RuntimeStatus = WorkflowRuntimeStatus.Running;
            await ReloadAsync(attempt, token);
        }
    }

    /// <summary>Best effort: hands the instance back so another run can pick it up at <paramref name="wakeAt"/>.</summary>
    private async Task ReleaseLeaseAsync(DateTimeOffset wakeAt)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var fresh = await _store.GetInstanceAsync(InstanceId, timeout.Token);
                if (fresh is null || fresh.LeaseOwner != _row.LeaseOwner || fresh.HistoryCount != _row.HistoryCount || !fresh.Active)
                {
                    return;
                }

                fresh.LeaseOwner = null;
                fresh.LeaseExpiresUtc = null;
                fresh.NextWakeUtc = wakeAt;
                fresh.CustomStatusJson = _context.CustomStatusJson;
                if (await _store.TryReplaceInstanceAsync(fresh, timeout.Token))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            _logger.WorkflowLeaseReleaseFailed(ex, InstanceId);
        }
    }

    private async Task DrainAttemptsAsync()
    {
        foreach (var attempt in _attempts)
        {
            await AwaitQuietlyAsync(attempt);
        }
    }
}
