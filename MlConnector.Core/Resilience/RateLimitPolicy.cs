namespace MlConnector.Core.Resilience;

/// <summary>
/// The limits of one vendor budget (per realm or per API key): rate windows, a concurrency cap and how long to pause
/// after a throttle that named no delay.
/// </summary>
public sealed record RateLimitPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxConcurrency">The most requests in flight at once, or <see langword="null"/> for no cap.</param>
    /// <param name="windows">The rate windows; a request needs room in every one.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="maxConcurrency"/> is not positive.</exception>
    public RateLimitPolicy(int? maxConcurrency, params RateWindow[] windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (maxConcurrency is { } cap)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap, nameof(maxConcurrency));
        }

        MaxConcurrency = maxConcurrency;
        Windows = [.. windows];
    }

    /// <summary>
    /// The policy of a connector that registered none (each connector registers its own with a
    /// <see cref="RateLimitPolicyRegistration"/>): no rate window, 10 concurrent, and a reported throttle still pauses the key.
    /// </summary>
    public static RateLimitPolicy Default { get; } = new(10);

    /// <summary>The most requests in flight at once, or <see langword="null"/> for no cap.</summary>
    public int? MaxConcurrency { get; }

    /// <summary>The rate windows; a request needs room in every one.</summary>
    public IReadOnlyList<RateWindow> Windows { get; }

    /// <summary>How long to pause the key after a 429 that carried no <c>Retry-After</c> or <c>X-Rate-Limit-Reset</c>. Default 30 s.</summary>
    public TimeSpan ThrottlePause { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause a vendor header can impose, so a malformed header cannot stall a key for hours. Default 10 min.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromMinutes(10);
}
