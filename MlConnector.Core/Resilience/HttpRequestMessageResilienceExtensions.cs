namespace MlConnector.Core.Resilience;

/// <summary>
/// Per-request resilience markers a connector sets on its <see cref="HttpRequestMessage"/>: whether an unsafe request
/// may be retried, and which <see cref="RateGovernor"/> budget it spends.
/// </summary>
public static class HttpRequestMessageResilienceExtensions
{
    private static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("MlConnector.Resilience.Idempotent");
    private static readonly HttpRequestOptionsKey<RateLimitKey> RateLimitKeyOption = new("MlConnector.Resilience.RateLimitKey");

    /// <summary>
    /// Marks a POST or PATCH as safe to resend because the vendor de-duplicates it, for example a QuickBooks Online
    /// create carrying <c>requestid</c> (a repeat returns the original response: Intuit, "QuickBooks Online API best
    /// practices", blogs.a.intuit.com/2018/09/10). Never mark a call the vendor does not de-duplicate, such as a
    /// ShipStation order create or a UPS ship request. A retry resends the same request, so its content must be
    /// re-readable (string, byte-array or JSON content, not a one-shot stream).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The same request.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(IdempotentKey, true);
        return request;
    }

    /// <summary>True when the request was marked with <see cref="MarkIdempotent"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>Whether the request is explicitly marked retry-safe.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    public static bool IsMarkedIdempotent(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(IdempotentKey, out var marked) && marked;
    }

    /// <summary>
    /// True when resending the request cannot do anything twice: its method is idempotent by RFC 9110 §9.2.2 (GET, HEAD,
    /// OPTIONS, TRACE, PUT, DELETE), or it was marked with <see cref="MarkIdempotent"/>. POST, PATCH and any other
    /// method are not.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>Whether a retry is allowed.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    public static bool IsRetrySafe(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace
            || method == HttpMethod.Put || method == HttpMethod.Delete
            || request.IsMarkedIdempotent();
    }

    /// <summary>Names the rate budget the request spends, read by <see cref="RateGovernorHandler"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="connector">The connector code, for example <c>qbo</c>.</param>
    /// <param name="key">The realm, vendor account or connection id; never a secret (it is logged).</param>
    /// <returns>The same request.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="connector"/> or <paramref name="key"/> is empty.</exception>
    public static HttpRequestMessage SetRateLimitKey(this HttpRequestMessage request, string connector, string key)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(RateLimitKeyOption, new RateLimitKey(connector, key));
        return request;
    }

    /// <summary>The rate budget set by <see cref="SetRateLimitKey"/>, if any.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    public static RateLimitKey? GetRateLimitKey(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(RateLimitKeyOption, out var key) ? key : null;
    }
}
