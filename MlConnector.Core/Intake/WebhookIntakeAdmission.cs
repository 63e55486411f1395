using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// Bounds the intake's record writes on the request path: at most <see cref="WebhookIntakeOptions.MaxConcurrentRecords"/>
/// at once, each (with its wait for a slot) within <see cref="WebhookIntakeOptions.RecordTimeout"/>. A delivery that gets
/// no slot or whose write does not finish in time is answered 503 with <c>Retry-After</c> by
/// <see cref="WebhookIntake.AcceptAsync"/>: the vendor delivers it again, so nothing acknowledged is ever unrecorded, and a
/// write that did commit after all is a duplicate the dispatch dedupes. It also tells the dispatcher when the record path
/// is under pressure (<see cref="IsUnderPressure"/>), so dispatch, which competes for the same storage, slows down.
/// </summary>
public sealed class WebhookIntakeAdmission : IDisposable
{
    /// <summary>A record write slower than this marks the intake under pressure for <see cref="PressureHold"/>.</summary>
    public static readonly TimeSpan SlowRecord = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one slow record write keeps the intake under pressure.</summary>
    public static readonly TimeSpan PressureHold = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _timeProvider;
    private long _slowUntilTicks;
    private int _inFlight;

    /// <summary>Creates the admission from the intake settings.</summary>
    /// <param name="options">The intake settings.</param>
    /// <param name="timeProvider">The clock (write latency).</param>
    public WebhookIntakeAdmission(IOptions<WebhookIntakeOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.MaxConcurrentRecords;
        RecordTimeout = options.Value.RecordTimeout;
        _slots = new SemaphoreSlim(Capacity, Capacity);
        _timeProvider = timeProvider;
    }

    /// <summary>The most record writes at once.</summary>
    public int Capacity { get; }

    /// <summary>How long a delivery may wait for a slot and its write together.</summary>
    public TimeSpan RecordTimeout { get; }

    /// <summary>Record writes holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>True while more than half the slots are held or a record write was slow within <see cref="PressureHold"/>.</summary>
    public bool IsUnderPressure => InFlight * 2 > Capacity || _timeProvider.GetUtcNow().UtcTicks < Interlocked.Read(ref _slowUntilTicks);

    /// <summary>Waits for a slot.</summary>
    /// <param name="cancellationToken">Cancels the wait (the caller's deadline).</param>
    /// <returns>The slot, to dispose when the write is done; null when the token was cancelled first.</returns>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        Interlocked.Increment(ref _inFlight);
        return new Slot(this, _timeProvider.GetTimestamp());
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private void Exit(long startedAt)
    {
        if (_timeProvider.GetElapsedTime(startedAt) > SlowRecord)
        {
            Interlocked.Exchange(ref _slowUntilTicks, (_timeProvider.GetUtcNow() + PressureHold).UtcTicks);
        }

        Interlocked.Decrement(ref _inFlight);
        _slots.Release();
    }

    private sealed class Slot(WebhookIntakeAdmission owner, long startedAt) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Exit(startedAt);
            }
        }
    }
}
