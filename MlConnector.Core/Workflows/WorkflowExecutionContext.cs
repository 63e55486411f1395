using System.Security.Cryptography;

namespace MlConnector.Core.Workflows;

/// <summary>
/// The <see cref="IWorkflowContext"/> of one run of one instance: hands out deterministic step numbers, time and GUIDs,
/// and registers each scheduled step with the <see cref="WorkflowExecutor"/>.
/// </summary>
internal sealed class WorkflowExecutionContext : IWorkflowContext
{
    private readonly string? _inputJson;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Action<WorkflowOperation> _onScheduled;
    private readonly Func<bool> _isReplaying;
    private int _guidCounter;

    public WorkflowExecutionContext(
        string instanceId,
        string name,
        string? inputJson,
        DateTime startUtc,
        string? customStatusJson,
        ILoggerFactory loggerFactory,
        Action<WorkflowOperation> onScheduled,
        Func<bool> isReplaying)
    {
        InstanceId = instanceId;
        Name = name;
        _inputJson = inputJson;
        CurrentUtcDateTime = startUtc;
        CustomStatusJson = customStatusJson;
        _loggerFactory = loggerFactory;
        _onScheduled = onScheduled;
        _isReplaying = isReplaying;
    }

    public string InstanceId { get; }

    public string Name { get; }

    public DateTime CurrentUtcDateTime { get; set; }

    public bool IsReplaying => _isReplaying();

    /// <summary>Steps scheduled so far in this run (the last step's sequence number).</summary>
    public int ScheduledCount { get; private set; }

    public string? CustomStatusJson { get; private set; }

    /// <summary>Steps not finished yet, by sequence number.</summary>
    public SortedDictionary<int, WorkflowOperation> Open { get; } = [];

    public T? GetInput<T>() => WorkflowJson.Deserialize<T>(_inputJson);

    public async Task<TResult> CallActivityAsync<TResult>(string activityName, object? input = null, WorkflowRetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityName);
        var inputJson = WorkflowJson.SerializeLimited(input, WorkflowLimits.MaxPayloadChars, $"input of activity '{activityName}'");
        var operation = Schedule(new WorkflowOperation(ScheduledCount + 1, WorkflowOperationKind.Activity, activityName) { InputJson = inputJson, Retry = retry });
        var json = await operation.Completion.Task;
        return WorkflowJson.Deserialize<TResult>(json)!;
    }

    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken)
    {
        var fireAt = new DateTimeOffset(DateTime.SpecifyKind(fireAtUtc.Kind == DateTimeKind.Local ? fireAtUtc.ToUniversalTime() : fireAtUtc, DateTimeKind.Utc));
        var operation = Schedule(new WorkflowOperation(ScheduledCount + 1, WorkflowOperationKind.Timer, "timer") { DueUtc = fireAt });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => operation.Completion.TrySetCanceled(cancellationToken));
        }

        return operation.Completion.Task;
    }

    public async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (timeout < TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        DateTimeOffset? due = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? null
            : new DateTimeOffset(CurrentUtcDateTime, TimeSpan.Zero) + timeout;
        var operation = Schedule(new WorkflowOperation(ScheduledCount + 1, WorkflowOperationKind.Event, eventName) { DueUtc = due, Timeout = timeout });
        var json = await operation.Completion.Task;
        return WorkflowJson.Deserialize<T>(json)!;
    }

    public void SetCustomStatus(object? customStatus) =>
        CustomStatusJson = WorkflowJson.SerializeLimited(customStatus, WorkflowLimits.MaxCustomStatusChars, "custom status");

    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), _isReplaying);

    public Guid NewGuid()
    {
        // A name-based UUID (RFC 9562 version 8 layout) over values that are identical on every replay.
        var name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}|{CurrentUtcDateTime.Ticks}|{++_guidCounter}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private WorkflowOperation Schedule(WorkflowOperation operation)
    {
        ScheduledCount = operation.TaskId;
        Open.Add(operation.TaskId, operation);
        _onScheduled(operation);
        return operation;
    }
}
