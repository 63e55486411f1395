using System.Diagnostics.CodeAnalysis;

namespace MlConnector.Core.Resilience;

/// <summary>
/// The shared rate budget of one vendor key or realm: every request on the key first waits for a concurrency slot and
/// for room in each of the policy's rate windows, so work queues for budget instead of provoking 429s. When the vendor
/// reports the budget gone (a 429, or <c>X-Rate-Limit-Remaining: 0</c>), every caller on the key pauses until the
/// vendor's reset.
/// </summary>
/// <remarks>
/// Each rate window is a token bucket whose tokens come back one window after they were spent (a sliding-window log),
/// so no span of <see cref="RateWindow.Window"/> ever sees more than <see cref="RateWindow.PermitLimit"/> grants. A bucket
/// refilled at a constant rate would allow a full burst plus a window's refill, up to twice the vendor's limit.
/// Waiters are served one at a time in arrival order of the token gate. All times come from the injected
/// <see cref="TimeProvider"/>. Obtain instances from <see cref="RateGovernorRegistry"/>.
/// </remarks>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "SemaphoreSlim owns no unmanaged resource unless AvailableWaitHandle is read, which it never is; a governor lives as long as its registry, and disposing it would break leases still in flight.")]
public sealed class RateGovernor
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim? _concurrency;
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private readonly Queue<DateTimeOffset>[] _grants;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private RateHeadroom? _lastReported;
    private int _inFlight;
    private TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RateGovernor(RateLimitKey key, RateLimitPolicy policy, TimeProvider timeProvider, ILogger logger)
    {
        Key = key;
        Policy = policy;
        _timeProvider = timeProvider;
        _logger = logger;
        _concurrency = policy.MaxConcurrency is { } cap ? new SemaphoreSlim(cap, cap) : null;
        _grants = [.. policy.Windows.Select(w => new Queue<DateTimeOffset>(w.PermitLimit))];
    }

    /// <summary>The budget this governor guards.</summary>
    public RateLimitKey Key { get; }

    /// <summary>The limits applied.</summary>
    public RateLimitPolicy Policy { get; }

    /// <summary>The UTC time until which the vendor asked every caller on this key to wait, if that is still ahead.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil > _timeProvider.GetUtcNow() ? _pausedUntil : null;
            }
        }
    }

    /// <summary>The vendor's last report of the requests left on this key (<c>X-Rate-Limit-Remaining</c>), if it sends one.</summary>
    public RateHeadroom? LastReported
    {
        get
        {
            lock (_lock)
            {
                return _lastReported;
            }
        }
    }

    /// <summary>
    /// The permits the policy's longest rate window could still grant now, without waiting for any to come back: its limit
    /// less the permits spent inside the window and those held by requests in flight; 0 while the key is paused, and
    /// <see cref="int.MaxValue"/> for a policy without rate windows. Shorter windows only pace and are not counted. A
    /// snapshot for choosing between budgets (another caller may take the room next), not a reservation.
    /// </summary>
    public int AvailablePermits
    {
        get
        {
            if (Policy.Windows.Count == 0)
            {
                return int.MaxValue;
            }

            var longest = 0;
            for (var i = 1; i < Policy.Windows.Count; i++)
            {
                longest = Policy.Windows[i].Window > Policy.Windows[longest].Window ? i : longest;
            }

            lock (_lock)
            {
                var now = _timeProvider.GetUtcNow();
                if (_pausedUntil > now)
                {
                    return 0;
                }

                var spent = _grants[longest].Count(granted => granted > now - Policy.Windows[longest].Window);
                return Math.Max(0, Policy.Windows[longest].PermitLimit - spent - _inFlight);
            }
        }
    }

    /// <summary>
    /// Waits for a concurrency slot and for rate budget, then spends one permit. Dispose the lease when the response
    /// has arrived (or the call failed).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; no permit is spent and no slot is held after cancellation.</param>
    /// <returns>The lease holding the concurrency slot.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
    public async Task<RateGovernorLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (_concurrency is not null)
        {
            await _concurrency.WaitAsync(cancellationToken);
        }

        try
        {
            await _tokenGate.WaitAsync(cancellationToken);
            try
            {
                var (wait, completion) = TryTakePermit();
                if (completion is not null)
                {
                    _logger.RateGovernorWaiting(Key.Connector, Key.Key, wait?.TotalMilliseconds ?? -1);
                    do
                    {
                        // A null wait: every permit is held by a request still in flight, which returns it when it completes.
                        await (wait is { } delay ? Task.Delay(delay, _timeProvider, cancellationToken) : completion.WaitAsync(cancellationToken));
                        (wait, completion) = TryTakePermit();
                    }
                    while (completion is not null);
                }
            }
            finally
            {
                _tokenGate.Release();
            }
        }
        catch
        {
            _concurrency?.Release();
            throw;
        }

        return new RateGovernorLease(this);
    }

    /// <summary>
    /// Reads a vendor response on this key: a 429 pauses the key for <c>Retry-After</c> or <c>X-Rate-Limit-Reset</c>
    /// (else <see cref="RateLimitPolicy.ThrottlePause"/>); <c>X-Rate-Limit-Remaining: 0</c> with <c>X-Rate-Limit-Reset: N</c>
    /// pauses it for N seconds (ShipStation V1).
    /// </summary>
    /// <param name="response">The vendor's response.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="response"/> is null.</exception>
    public void ObserveResponse(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (RateLimitHeaders.GetHeadroom(response, _timeProvider.GetUtcNow()) is { } headroom)
        {
            lock (_lock)
            {
                _lastReported = headroom;
            }
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            PauseFor(RateLimitHeaders.GetRetryAfter(response, _timeProvider.GetUtcNow()) ?? Policy.ThrottlePause);
        }
        else if (RateLimitHeaders.IsBudgetExhausted(response) && RateLimitHeaders.GetRateLimitReset(response) is { } reset)
        {
            PauseFor(reset);
        }
    }

    /// <summary>
    /// Stops granting permits on this key for <paramref name="delay"/> (at most <see cref="RateLimitPolicy.MaxPause"/>).
    /// A shorter pause never cuts a longer one short.
    /// </summary>
    /// <param name="delay">How long the vendor asked to wait.</param>
    public void PauseFor(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var capped = delay < Policy.MaxPause ? delay : Policy.MaxPause;
        DateTimeOffset until;
        lock (_lock)
        {
            until = _timeProvider.GetUtcNow() + capped;
            if (until <= _pausedUntil)
            {
                return;
            }

            _pausedUntil = until;
        }

        _logger.RateGovernorPaused(Key.Connector, Key.Key, capped.TotalSeconds, until);
    }

    /// <summary>
    /// Called when a lease ends: frees its concurrency slot and starts the window of its rate permits now. A permit is
    /// counted from the request's completion, not its start, because the vendor counts a request when it arrives, which
    /// is after it left and before it completed: so no window measured at the vendor ever sees more than the limit.
    /// </summary>
    internal void Complete()
    {
        TaskCompletionSource completed;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            _inFlight--;
            foreach (var grants in _grants)
            {
                grants.Enqueue(now);
            }

            completed = _completed;
            _completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        completed.TrySetResult();
        _concurrency?.Release();
    }

    /// <summary>Takes a permit in every window, or says how to wait for one.</summary>
    /// <returns>(null, null) when taken; (a delay, a task) to wait for the delay; (null, a task) to wait for an in-flight request to complete.</returns>
    private (TimeSpan? Wait, Task? Completion) TryTakePermit()
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            TimeSpan? wait = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            for (var i = 0; i < _grants.Length; i++)
            {
                var window = Policy.Windows[i].Window;
                var grants = _grants[i];
                while (grants.Count > 0 && grants.Peek() <= now - window)
                {
                    grants.Dequeue();
                }

                var excess = grants.Count + _inFlight - Policy.Windows[i].PermitLimit;
                if (excess >= 0)
                {
                    // The (excess+1)-th oldest completed permit must expire first; when too few have completed, wait for one to.
                    TimeSpan? refill = excess < grants.Count ? grants.ElementAt(excess) + window - now : null;
                    wait = refill is null || wait is null ? null : refill > wait ? refill : wait;
                }
            }

            if (wait is null || wait > TimeSpan.Zero)
            {
                return (wait, _completed.Task);
            }

            _inFlight++;
            return (null, null);
        }
    }
}
