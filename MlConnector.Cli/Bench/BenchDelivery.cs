using System.Net;
using MlConnector.Core.Resilience;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Sends one webhook delivery to the host the way a vendor redelivers: until it is accepted. A 503 (the intake's record
/// write is full or slow, <c>WebhookIntake.AcceptAsync</c>) or a 429 (the connection spent its webhook budget) is sent
/// again after the answer's <c>Retry-After</c> (RFC 9110 §10.2.3, read by <see cref="RateLimitHeaders.GetRetryAfter"/>),
/// a timeout or refused connection after <see cref="DefaultWait"/>; any other answer ends it. A delivery sent twice is
/// recorded twice and dispatched once: the workflow's instance id is deterministic.
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
    public static async Task<BenchDeliveryOutcome> SendAsync(HttpClient http, Func<HttpRequestMessage> create, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(timeProvider);
        int? status = null;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                using var request = create();
                using var response = await http.SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return new BenchDeliveryOutcome(true, attempt - 1, status);
                }

                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
                {
                    return new BenchDeliveryOutcome(false, attempt - 1, status);
                }

                wait = RateLimitHeaders.GetRetryAfter(response, timeProvider.GetUtcNow()) ?? DefaultWait;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                (status, wait) = (null, DefaultWait);
            }

            if (attempt >= MaxAttempts)
            {
                return new BenchDeliveryOutcome(false, attempt - 1, status);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
        }
    }
}
