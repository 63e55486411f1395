using MlConnector.Core.Resilience;

namespace MlConnector.Cli.Delivery;

/// <summary>
/// The one deliver-until-accepted loop of the bench and the chaos harness, as vendors redeliver webhooks: a delivery is
/// sent, and while the host does not answer 2xx a <see cref="RedeliveryRule"/> says whether and after what wait it is
/// sent again. An unreachable host (<see cref="HttpRequestException"/>, or a timeout that is not the caller's
/// cancellation) is an answer without a status; any other exception ends the delivery and propagates.
/// </summary>
internal static class Redelivery
{
    /// <summary>Sends a delivery until it is accepted or <paramref name="rule"/> gives it up.</summary>
    /// <param name="sendAsync">Makes one try and answers what the host said.</param>
    /// <param name="rule">The wait before the next try, or null to give up.</param>
    /// <param name="timeProvider">The clock of the waits and of the elapsed time the rule sees.</param>
    /// <param name="cancellationToken">Cancels the tries and the waits.</param>
    /// <returns>Whether it was accepted, its retries and its last status.</returns>
    public static async Task<DeliveryOutcome> UntilAcceptedAsync(Func<CancellationToken, Task<DeliveryAnswer>> sendAsync, RedeliveryRule rule, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sendAsync);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetTimestamp();
        var unreachable = 0;
        for (var tries = 1; ; tries++)
        {
            DeliveryAnswer answer;
            try
            {
                answer = await sendAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                answer = new DeliveryAnswer(null);
            }

            if (answer.Accepted || rule(answer, tries, timeProvider.GetElapsedTime(started)) is not { } wait)
            {
                return new DeliveryOutcome(answer.Accepted, tries - 1, answer.Status) { RetriesWhileUnreachable = unreachable };
            }

            if (answer.Status is null)
            {
                unreachable++;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>A try that sends a fresh request from <paramref name="create"/> and reads the status and <c>Retry-After</c>.</summary>
    /// <param name="http">The client (its timeout bounds each try).</param>
    /// <param name="create">Builds the request anew for each try.</param>
    /// <param name="timeProvider">The clock an HTTP-date <c>Retry-After</c> is read against.</param>
    /// <returns>The try, for <see cref="UntilAcceptedAsync"/>.</returns>
    public static Func<CancellationToken, Task<DeliveryAnswer>> Http(HttpClient http, Func<HttpRequestMessage> create, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return async cancellationToken =>
        {
            using var request = create();
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? new DeliveryAnswer((int)response.StatusCode)
                : new DeliveryAnswer((int)response.StatusCode, RateLimitHeaders.GetRetryAfter(response, timeProvider.GetUtcNow()));
        };
    }
}
