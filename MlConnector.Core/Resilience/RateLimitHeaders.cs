using System.Net.Http.Headers;

namespace MlConnector.Core.Resilience;

/// <summary>
/// Reads the throttling headers vendors send, for <see cref="Errors.HttpErrorMapper"/>, the retry strategy of
/// <see cref="ConnectorResilienceHttpClientBuilderExtensions.AddConnectorResilience"/> and <see cref="RateGovernor"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Retry-After</c>: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); sent by ShipStation V2 on 429.</item>
/// <item><c>X-Rate-Limit-Remaining</c> / <c>X-Rate-Limit-Reset</c>: requests left in the window and <em>seconds until the
/// window resets</em>; sent on every ShipStation V1 response (docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements,
/// see PROTOCOL-NOTES §5).</item>
/// </list>
/// </remarks>
public static class RateLimitHeaders
{
    /// <summary>The ShipStation V1 header with the number of requests left in the current window.</summary>
    public const string RateLimitRemaining = "X-Rate-Limit-Remaining";

    /// <summary>The ShipStation V1 header with the seconds until the current window resets.</summary>
    public const string RateLimitReset = "X-Rate-Limit-Reset";

    /// <summary>ShipStation V1's window size header (PROTOCOL-NOTES.md, ShipStation "V1 rate limit").</summary>
    public const string RateLimitLimit = "X-Rate-Limit-Limit";

    /// <summary>
    /// A reset longer than this is not "seconds until reset" (some APIs send an epoch time under a similar name) and is ignored.
    /// </summary>
    public static readonly TimeSpan MaxReset = TimeSpan.FromDays(1);

    /// <summary>
    /// How long the vendor asked us to wait: <c>Retry-After</c> first, then <c>X-Rate-Limit-Reset</c> when the response is a
    /// 429 or says <c>X-Rate-Limit-Remaining: 0</c> (ShipStation V1 sends the reset on every response, so on a 503 with
    /// budget left it is not a request to wait).
    /// </summary>
    /// <param name="response">The vendor's response.</param>
    /// <param name="now">The current UTC time, from the injected <see cref="TimeProvider"/>, to resolve an HTTP-date.</param>
    /// <returns>The wait (zero when an HTTP-date is already past), or <see langword="null"/> when no header says.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="response"/> is null.</exception>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        // ShipStation V1 sends X-Rate-Limit-Reset on every response; it asks for a wait only when the budget is gone.
        return response.StatusCode == HttpStatusCode.TooManyRequests || IsBudgetExhausted(response) ? GetRateLimitReset(response) : null;
    }

    /// <summary>The <c>X-Rate-Limit-Reset</c> header: seconds until the vendor's window resets.</summary>
    /// <param name="response">The vendor's response.</param>
    /// <returns>The time until reset, or <see langword="null"/> when absent, malformed or beyond <see cref="MaxReset"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="response"/> is null.</exception>
    public static TimeSpan? GetRateLimitReset(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = ReadNumber(response.Headers, RateLimitReset);
        return seconds is { } s && s <= MaxReset.TotalSeconds ? TimeSpan.FromSeconds(s) : null;
    }

    /// <summary>True when <c>X-Rate-Limit-Remaining</c> says no request is left in the current window.</summary>
    /// <param name="response">The vendor's response.</param>
    /// <returns>Whether the window's budget is used up.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="response"/> is null.</exception>
    public static bool IsBudgetExhausted(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ReadNumber(response.Headers, RateLimitRemaining) is 0;
    }

    /// <summary>The vendor's own count of requests left, when it sends <c>X-Rate-Limit-Remaining</c> (ShipStation V1 on every response).</summary>
    /// <param name="response">The vendor's response.</param>
    /// <param name="observedUtc">When the response arrived.</param>
    /// <returns>The headroom, or null when the vendor sent none.</returns>
    public static RateHeadroom? GetHeadroom(HttpResponseMessage response, DateTimeOffset observedUtc)
    {
        ArgumentNullException.ThrowIfNull(response);
        var remaining = ReadNumber(response.Headers, RateLimitRemaining);
        if (remaining is null)
        {
            return null;
        }

        var limit = ReadNumber(response.Headers, RateLimitLimit);
        var reset = ReadNumber(response.Headers, RateLimitReset);
        return new RateHeadroom((int)remaining.Value, limit is null ? null : (int)limit.Value, reset is null ? null : TimeSpan.FromSeconds(reset.Value), observedUtc);
    }

    private static double? ReadNumber(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
        {
            return null;
        }

        var first = values.FirstOrDefault();
        return double.TryParse(first, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            ? number
            : null;
    }
}
