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
    /// QuickBooks Online, per realm: Intuit allows 500 requests/min, 10 requests/s and 10 concurrent, and a 429 means
    /// wait 60 s (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles; PROTOCOL-NOTES §2). The budget
    /// runs below those limits (450/min, 8/s, 8 concurrent): Intuit counts a request when it arrives and releases a
    /// concurrency slot when it has answered, so requests that leave evenly spaced can arrive bunched, and one 429
    /// costs the whole realm a minute.
    /// </summary>
    public static RateLimitPolicy QuickBooksOnline { get; } =
        new(8, new RateWindow(450, TimeSpan.FromMinutes(1)), new RateWindow(8, TimeSpan.FromSeconds(1))) { ThrottlePause = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// QuickBooks Online batch requests (<c>POST …/batch</c>), per realm, spent on top of <see cref="QuickBooksOnline"/>
    /// (the client waits for it before sending, outside the HTTP pipeline's attempt timeout):
    /// Intuit allows 40 batch requests per minute per realm and app (120 per realm), each of at most 30 items
    /// (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles; blogs.intuit.com/2025/08/13/upcoming-changes-to-the-accounting-api;
    /// PROTOCOL-NOTES §2). The budget runs at 38 per minute for the same reason the request budget runs below 500: grants
    /// evenly spaced can arrive bunched, and a 429 costs the realm a minute.
    /// </summary>
    public static RateLimitPolicy QuickBooksOnlineBatch { get; } =
        new(null, new RateWindow(38, TimeSpan.FromMinutes(1))) { ThrottlePause = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// ShipStation V1, per API key and secret: 40 requests/min; responses carry <c>X-Rate-Limit-Remaining</c> and
    /// <c>X-Rate-Limit-Reset</c> (docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements; PROTOCOL-NOTES §5).
    /// </summary>
    public static RateLimitPolicy ShipStationV1 { get; } = new(null, new RateWindow(40, TimeSpan.FromMinutes(1)));

    /// <summary>
    /// ShipStation V2, per API key: 200 requests/min by default; 429 carries <c>Retry-After</c>
    /// (docs.shipstation.com/rate-limits; PROTOCOL-NOTES §5).
    /// </summary>
    public static RateLimitPolicy ShipStationV2 { get; } = new(null, new RateWindow(200, TimeSpan.FromMinutes(1)));

    /// <summary>
    /// For vendors that publish no numeric limit (UPS, FreshBooks, SPS Commerce; PROTOCOL-NOTES §1, §4, §6): no rate
    /// window, 10 concurrent, and a reported throttle still pauses the key.
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
