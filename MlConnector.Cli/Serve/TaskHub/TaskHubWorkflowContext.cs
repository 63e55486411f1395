using System.Security.Cryptography;
using System.Text;
using DurableTask.Core;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using Newtonsoft.Json.Linq;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// <see cref="IWorkflowContext"/> over the Durable Task Framework's <see cref="OrchestrationContext"/>: the standalone
/// host's counterpart of the Functions app's <c>DurableWorkflowContext</c>. The retry loop, input envelope and call
/// counter are <see cref="EngineWorkflowContext"/>'s; this class adds what <c>DurableTask.Core</c> lacks and Durable
/// Functions adds on top of it: named external events with a timeout, custom status and deterministic GUIDs.
/// </summary>
/// <remarks>
/// <para>
/// External events: the framework hands every raised event to the orchestration (<see cref="TaskOrchestration.RaiseEvent"/>)
/// in history order, on the orchestration's own thread, on every replay. An event nobody waits for yet is buffered
/// by name (case-insensitive) and delivered, oldest first, to the next wait; a wait with a timeout races the event
/// against a durable timer and cancels the timer when the event wins, so the instance is not kept open by it.
/// </para>
/// <para>
/// Activities are scheduled by name with the <see cref="WorkflowActivityRequest"/> as a JSON object (Newtonsoft
/// <see cref="JToken"/>, so the history shows JSON, not an escaped string) and answer a <see cref="WorkflowActivityResult"/>.
/// </para>
/// </remarks>
internal sealed class TaskHubWorkflowContext : EngineWorkflowContext
{
    /// <summary>The step in which a storage queue delays a message: one second (see <see cref="CreateTimer"/>).</summary>
    internal static readonly TimeSpan QueueDelayGranularity = TimeSpan.FromSeconds(1);

    private readonly OrchestrationContext _context;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private int _guidCounter;

    public TaskHubWorkflowContext(OrchestrationContext context, string workflowName, WorkflowEnvelope envelope, ILoggerFactory loggerFactory)
        : base(workflowName, envelope)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _context = context;
        _loggerFactory = loggerFactory;
    }

    public override string InstanceId => _context.OrchestrationInstance.InstanceId;

    public override DateTime CurrentUtcDateTime => _context.CurrentUtcDateTime;

    public override bool IsReplaying => _context.IsReplaying;

    /// <summary>The custom status as JSON, read by the framework after each episode.</summary>
    public string? CustomStatusJson { get; private set; }

    /// <summary>
    /// A durable timer that never fires early, armed with one timer message. Azure Storage queues delay a message by whole
    /// seconds (Put Message <c>visibilitytimeout</c> is an integer of seconds, learn.microsoft.com/rest/api/storageservices/put-message),
    /// so DurableTask.AzureStorage's timer message (<c>TaskHubQueue.GetVisibilityDelay</c>: fire time − now, which the queue
    /// client truncates to seconds) becomes visible up to a second before its fire time. The engine's timer is therefore
    /// armed <see cref="QueueDelayGranularity"/> after <paramref name="fireAtUtc"/>: its message becomes visible at or after
    /// <paramref name="fireAtUtc"/>, so the episode it starts runs at or after it, at most a second late.
    /// </summary>
    /// <remarks>
    /// Should a timer still resume the workflow before <paramref name="fireAtUtc"/> (the storage service's clock behind
    /// this machine's), another is armed the same way. The decision reads the history's time only, so it replays
    /// identically, and only the armed time changed from earlier builds (which armed exactly <paramref name="fireAtUtc"/>):
    /// the framework matches a replayed timer by its sequence number, not its fire time, so instances started by them
    /// replay unchanged. Arming exactly <paramref name="fireAtUtc"/> again was a spin: the rest, under a second, truncates
    /// to a message visible at once, and each of those episodes armed the next, dozens per early timer (eng-qops counted
    /// 1,813 timer messages for 200 chaos records, 1,585 of them re-arms; docs/performance.md).
    /// </remarks>
    public override async Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken)
    {
        do
        {
            await _context.CreateTimer(fireAtUtc + QueueDelayGranularity, state: true, cancellationToken);
        }
        while (_context.CurrentUtcDateTime < fireAtUtc && !cancellationToken.IsCancellationRequested);
    }

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }

        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            return WorkflowEngineJson.FromJson<T>(buffered.Dequeue())!;
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new Queue<TaskCompletionSource<string?>>();
            _waiters[eventName] = waiters;
        }

        waiters.Enqueue(waiter);
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return WorkflowEngineJson.FromJson<T>(await waiter.Task)!;
        }

        using var timerCancellation = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCancellation.Token);
        var winner = await Task.WhenAny(waiter.Task, timer);
        if (winner == waiter.Task)
        {
            timerCancellation.Cancel();
            return WorkflowEngineJson.FromJson<T>(await waiter.Task)!;
        }

        // The timer won: this wait no longer takes an event; a later one is buffered for the next wait.
        _waiters[eventName] = new Queue<TaskCompletionSource<string?>>(waiters.Where(w => w != waiter));
        throw new TimeoutException($"No '{eventName}' event arrived within {timeout}.");
    }

    public override ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), () => _context.IsReplaying);

    /// <summary>
    /// A name-based GUID (the first 16 bytes of a SHA-256 over the instance id, the orchestration time and a counter,
    /// marked as version 8, RFC 9562): the same on every replay, different for every call.
    /// </summary>
    public override Guid NewGuid()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentUtcDateTime:O}_{_guidCounter++}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Delivers an event the framework replays or receives: to the oldest wait for its name, or to the buffer.</summary>
    public void OnEvent(string name, string? payloadJson)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.Count > 0)
        {
            waiters.Dequeue().SetResult(payloadJson);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var buffered))
        {
            buffered = new Queue<string?>();
            _bufferedEvents[name] = buffered;
        }

        buffered.Enqueue(payloadJson);
    }

    protected override async Task<WorkflowActivityResult> CallActivityAttemptAsync(string activityName, WorkflowActivityRequest request)
    {
        try
        {
            var result = await _context.ScheduleTask<JToken>(activityName, string.Empty, ToJToken(WorkflowEngineJson.ToJson(request, int.MaxValue, "activity request")!));
            return WorkflowEngineJson.FromJson<WorkflowActivityResult>(result.ToString(Newtonsoft.Json.Formatting.None))
                ?? throw new InvalidOperationException($"Activity '{activityName}' returned nothing.");
        }
        catch (DurableTask.Core.Exceptions.TaskFailedException ex)
        {
            // The activity itself failed outside our runner (not registered, input not readable): unclassified.
            return new WorkflowActivityResult(null, WorkflowFailureDetails.FromException(ex));
        }
    }

    /// <summary>
    /// The framework's <see cref="OrchestrationContext.ContinueAsNew(object)"/>, which restarts the instance with the
    /// envelope once this episode returns. The framework itself carries over only the events that arrive after the call
    /// (<c>BehaviorOnContinueAsNew.Carryover</c>, DurableTask.AzureStorage's default); the events this context already
    /// buffered for no wait are sent to the instance again, as Durable Functions' worker does, so the next run gets them.
    /// </summary>
    protected override void ContinueAsNewCore(WorkflowEnvelope envelope)
    {
        _context.ContinueAsNew(ToJToken(WorkflowEngineJson.ToJson(envelope, int.MaxValue, "workflow envelope")!));
        var self = new OrchestrationInstance { InstanceId = InstanceId };
        foreach (var (name, payloads) in _bufferedEvents)
        {
            while (payloads.TryDequeue(out var payloadJson))
            {
                _context.SendEvent(self, name, payloadJson is null ? JValue.CreateNull() : ToJToken(payloadJson));
            }
        }
    }

    protected override void SetCustomStatusJson(string? json) => CustomStatusJson = json;

    /// <summary>Reads JSON into a Newtonsoft token without turning date-like strings into dates.</summary>
    private static JToken ToJToken(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
