using System.Net;
using MlConnector.Cli.Delivery;
using MlConnector.Core.Resilience;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Sends one webhook delivery to the host the way a vendor redelivers: until it is accepted (<see cref="Redelivery"/>,
/// under <see cref="Rule"/>). A 503 (the intake's record write is full or slow, <c>WebhookIntake.AcceptAsync</c>) or a
/// 429 (the connection spent its webhook budget) is sent again after the answer's <c>Retry-After</c> (RFC 9110 §10.2.3,
/// read by <see cref="RateLimitHeaders.GetRetryAfter"/>), a timeout or refused connection after <see cref="DefaultWait"/>;
/// any other answer ends it. A delivery sent twice is recorded twice and dispatched once: the workflow's instance id is
/// deterministic.
/// </summary>
internal static class BenchDelivery
{
    /// <summary>The wait before sending again when the answer names none (or there was no answer).</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(1);

    /// <summary>Tries per delivery before it counts as not accepted (with Retry-After of at least 1 s, over 16 minutes).</summary>
    public const int MaxAttempts = 1000;

    /// <summary>Sends <paramref name="create"/>'s request until the host accepts it or <see cref="MaxAttempts"/> are spent.</summary>
    /// <param name="http">The client (its timeout bounds each try).</param>
    /// <param name="create">Builds the request anew for each try.</param>
    /// <param name="timeProvider">The clock for the waits (and an HTTP-date <c>Retry-After</c>).</param>
    /// <param name="cancellationToken">Cancels the sends and waits.</param>
    /// <returns>Whether it was accepted, and how many tries it took beyond the first.</returns>
    public static Task<DeliveryOutcome> SendAsync(HttpClient http, Func<HttpRequestMessage> create, TimeProvider timeProvider, CancellationToken cancellationToken)
        => Redelivery.UntilAcceptedAsync(Redelivery.Http(http, create, timeProvider), Rule, timeProvider, cancellationToken);

    /// <summary>The bench's rule: 503 and 429 after their <c>Retry-After</c>, no answer after <see cref="DefaultWait"/>, anything else never; at most <see cref="MaxAttempts"/> tries.</summary>
    private static TimeSpan? Rule(DeliveryAnswer answer, int tries, TimeSpan elapsed) => tries >= MaxAttempts
        ? null
        : answer.Status switch
        {
            null => DefaultWait,
            (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.TooManyRequests => answer.RetryAfter ?? DefaultWait,
            _ => null,
        };
}
