using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// Group commit of the intake's record writes: deliveries verified while a record write is in flight share the next queue
/// message (<c>{"deliveries":[…]}</c>, read by <see cref="WebhookDeliveryDispatcher.ReadAll"/>), so each delivery still costs
/// one durable storage write or a share of one, never zero, and a burst costs storage a fraction of the round trips. At most
/// <see cref="WebhookIntakeOptions.RecordWriters"/> writes are in flight; a delivery that arrives when a writer is free is
/// written at once, alone, in the single-delivery format (so an idle intake adds no wait). A group holds at most
/// <see cref="WebhookIntake.MaxInlineMessageBytes"/> of message text (the queue's 64 KiB after base64).
/// </summary>
/// <remarks>
/// <para>
/// A caller's task completes only after the message holding its delivery is in the queue, and fails with the write's
/// exception when that write fails, so every request of a failed group is answered 503 (<see cref="WebhookIntake.AcceptAsync"/>)
/// and the vendor delivers it again. A caller that gives up (its deadline) before a writer took its delivery is left out of
/// every group; one that gives up after is a possible duplicate, which dispatch dedupes, as before.
/// </para>
/// <para>
/// There is no timer and no batching delay: a writer that finishes takes whatever waits, so group size follows the storage
/// round trip (one delivery per write at idle; under a 50 ms round trip at 200 deliveries/s and 4 writers, about 3). The
/// group commit of databases' write-ahead logs works the same way.
/// </para>
/// </remarks>
public sealed class WebhookIntakeGroupCommit : IDisposable
{
    /// <summary>The JSON property of a group message that holds its deliveries.</summary>
    public const string GroupProperty = "deliveries";

    private const string GroupPrefix = "{\"" + GroupProperty + "\":[";
    private const string GroupSuffix = "]}";

    private readonly ConcurrentQueue<Pending> _pending = new();
    private readonly Lock _take = new();
    private readonly SemaphoreSlim _writers;
    private readonly Func<string, CancellationToken, Task> _send;
    private readonly TimeSpan _writeTimeout;
    private readonly int _maxBytes;

    /// <summary>Creates the group commit over the intake's delivery queue.</summary>
    /// <param name="queues">The delivery queue.</param>
    /// <param name="options">The intake settings (<see cref="WebhookIntakeOptions.RecordWriters"/>, <see cref="WebhookIntakeOptions.RecordTimeout"/>).</param>
    public WebhookIntakeGroupCommit(WebhookIntakeQueues queues, IOptions<WebhookIntakeOptions> options)
        : this(
            (options ?? throw new ArgumentNullException(nameof(options))).Value.RecordWriters,
            options.Value.RecordTimeout,
            WebhookIntake.MaxInlineMessageBytes,
            async (text, ct) => await (await queues.GetDeliveriesAsync(ct)).SendMessageAsync(text, ct))
    {
        ArgumentNullException.ThrowIfNull(queues);
    }

    /// <summary>Creates the group commit over any message writer (tests hold a write to show grouping).</summary>
    /// <param name="writers">The most writes in flight at once.</param>
    /// <param name="writeTimeout">How long one write may take before it is abandoned (its callers have answered 503 by then).</param>
    /// <param name="maxBytes">The most message text per group, in UTF-8 bytes.</param>
    /// <param name="send">Writes one message's text durably.</param>
    internal WebhookIntakeGroupCommit(int writers, TimeSpan writeTimeout, int maxBytes, Func<string, CancellationToken, Task> send)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 64);
        Writers = writers;
        _writers = new SemaphoreSlim(writers, writers);
        _writeTimeout = writeTimeout;
        _maxBytes = maxBytes;
        _send = send;
    }

    /// <summary>The most writes in flight at once.</summary>
    public int Writers { get; }

    /// <summary>
    /// Records one delivery's message text (a <see cref="WebhookDelivery"/> as JSON) in the next write, alone or with the
    /// deliveries waiting beside it.
    /// </summary>
    /// <param name="text">The delivery's message text, at most <see cref="WebhookIntake.MaxInlineMessageBytes"/> UTF-8 bytes.</param>
    /// <param name="cancellationToken">Gives up the wait (the caller's deadline); a delivery no writer took yet is then never written.</param>
    /// <returns>How many deliveries the message holding this one holds (1 when it was written alone).</returns>
    /// <exception cref="Azure.RequestFailedException">When storage refused the write holding this delivery.</exception>
    /// <exception cref="OperationCanceledException">When the caller gave up or the write passed its timeout.</exception>
    public async Task<int> CommitAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pending = new Pending(text, Encoding.UTF8.GetByteCount(text));
        _pending.Enqueue(pending);
        _ = DrainAsync();
        try
        {
            return await pending.Completion.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            pending.TryAbandon();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writers.Dispose();

    /// <summary>
    /// Writes groups while deliveries wait and a writer is free. Every caller enqueues before it calls this, and every writer
    /// looks at the queue again after releasing its slot, so a delivery is never left waiting with no writer to take it.
    /// </summary>
    private async Task DrainAsync()
    {
        while (!_pending.IsEmpty && _writers.Wait(0))
        {
            try
            {
                var group = TakeGroup();
                if (group.Count > 0)
                {
                    await WriteAsync(group);
                }
            }
            finally
            {
                _writers.Release();
            }
        }
    }

    private List<Pending> TakeGroup()
    {
        var group = new List<Pending>();
        var bytes = GroupPrefix.Length + GroupSuffix.Length;
        lock (_take)
        {
            while (_pending.TryPeek(out var next))
            {
                if (group.Count > 0 && bytes + next.Bytes + 1 > _maxBytes)
                {
                    break;
                }

                _pending.TryDequeue(out _);
                if (next.TryTake())
                {
                    group.Add(next);
                    bytes += next.Bytes + 1;
                }
            }
        }

        return group;
    }

    private async Task WriteAsync(List<Pending> group)
    {
        var text = group.Count == 1 ? group[0].Text : GroupPrefix + string.Join(',', group.Select(p => p.Text)) + GroupSuffix;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = new CancellationTokenSource(_writeTimeout);
            await _send(text, timeout.Token);
            IntakeMetrics.RecordWritten(group.Count, Stopwatch.GetElapsedTime(started), succeeded: true);
            foreach (var pending in group)
            {
                pending.Completion.TrySetResult(group.Count);
            }
        }
        catch (Exception ex)
        {
            IntakeMetrics.RecordWritten(group.Count, Stopwatch.GetElapsedTime(started), succeeded: false);
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(string text, int bytes)
    {
        private int _state;

        public string Text => text;

        public int Bytes => bytes;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryTake() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public void TryAbandon() => Interlocked.CompareExchange(ref _state, 2, 0);
    }
}
