using Microsoft.Extensions.Time.Testing;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it, so a test can wait until code running on
/// another thread has scheduled its delay before advancing the clock (advancing first would leave that delay waiting
/// for a time that never comes).
/// </summary>
public sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _created;

    /// <summary>How many timers have been created so far.</summary>
    public int TimersCreated => Volatile.Read(ref _created);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _created);
        return timer;
    }

    /// <summary>Waits, in real time with a bound, until more than <paramref name="seen"/> timers have been created.</summary>
    /// <exception cref="OperationCanceledException">After <paramref name="limit"/>.</exception>
    public async Task WaitForTimerAfterAsync(int seen, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (TimersCreated <= seen)
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
