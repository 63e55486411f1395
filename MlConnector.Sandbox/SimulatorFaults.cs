using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Sandbox;

/// <summary>
/// Random faults a simulator injects into its own API traffic once <see cref="Enable"/> is called (the chaos run), each
/// counted so a run can prove it really injected them. Off by default: rates of zero change nothing.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A server error: the request is answered 500, 502 or 503 before the simulator sees it (nothing is written).</item>
/// <item>A rate limit: the request is answered 429 with <c>Retry-After: </c><see cref="RetryAfterSeconds"/> (RFC 9110 §10.2.3)
/// before the simulator sees it.</item>
/// <item>A lost response: a write (POST, PUT, PATCH, DELETE) is processed and committed by the simulator, then the
/// connection is aborted instead of answering, as when a response is lost on the network after the vendor saved it.
/// Only successful (2xx) answers are lost: a refused write committed nothing.</item>
/// <item>A concurrent edit: simulators with optimistic concurrency (QBO SyncToken, QBD EditSequence) ask
/// <see cref="TryConcurrentEdit"/> before an update and, when it says so, change the record first, as if a person had saved
/// it between the caller's read and its write, so the update is refused as stale.</item>
/// </list>
/// Faults apply only to requests <see cref="Applies"/> accepts (by default all), so a simulator's token or key endpoints can
/// stay clean. Rolls come from one seeded <see cref="Random"/>, so a run with the same seed and the same request order
/// injects the same faults. With <c>guaranteed</c> above 0 (<see cref="Enable"/>), each class whose rate is above 0 strikes on
/// its first eligible requests, that many times, before the rolls take over (5xx first, then 429; the first successful
/// writes lost; the first updates edited concurrently), so a short chaos test cannot miss a class it asserts.
/// </remarks>
public sealed class SimulatorFaults() : SeededFaults(faultKinds: 4, counters: 4)
{
    private const int ServerError = 0;
    private const int RateLimit = 1;
    private const int LostResponse = 2;
    private const int ConcurrentEdit = 3;

    private static readonly int[] ServerErrorStatuses = [StatusCodes.Status500InternalServerError, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable];

    private int _requests;
    private int _limited;

    /// <summary>The <c>Retry-After</c> of injected 429s, in seconds. Default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Chooses the requests faults apply to; all by default.</summary>
    public Func<HttpRequest, bool> Applies { get; set; } = _ => true;

    /// <summary>
    /// Awaited before each request is handled (faults or not), so a test can hold one request and make it land after later
    /// ones (for example two write-backs of one record racing). None by default.
    /// </summary>
    public Func<HttpRequest, CancellationToken, Task>? Hold { get; set; }

    /// <summary>Injected 5xx answers so far.</summary>
    public int ServerErrors => Counted(ServerError);

    /// <summary>Injected 429 answers so far.</summary>
    public int RateLimits => Counted(RateLimit);

    /// <summary>Committed writes whose response was lost so far.</summary>
    public int LostResponses => Counted(LostResponse);

    /// <summary>Concurrent edits made before an update so far.</summary>
    public int ConcurrentEdits => Counted(ConcurrentEdit);

    /// <summary>Requests that reached this middleware so far, faulted or not, with faults on or off (a run's traffic per simulator).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Requests the simulator itself answered 429 so far: its enforcement of the vendor's published limits (ShipStation's 40
    /// a minute per key, QBO's per-realm limits, …), not counting the injected ones (<see cref="RateLimits"/>).
    /// </summary>
    public int LimitedByVendor => Volatile.Read(ref _limited);

    /// <summary>Switches faults on with these probabilities per request (each 0–1).</summary>
    /// <param name="serverErrorRate">Share of requests answered 5xx.</param>
    /// <param name="rateLimitRate">Share of requests answered 429 with Retry-After.</param>
    /// <param name="lostResponseRate">Share of writes committed and then not answered.</param>
    /// <param name="concurrentEditRate">Share of updates preceded by a concurrent edit (stale SyncToken / EditSequence).</param>
    /// <param name="seed">The seed of the rolls.</param>
    /// <param name="guaranteed">Faults of each class with a rate above 0 injected on its first eligible requests, before the rolls (0: rolls only).</param>
    /// <exception cref="ArgumentOutOfRangeException">When a rate is outside 0–1, the first two add up to more than 1, or <paramref name="guaranteed"/> is negative.</exception>
    public void Enable(double serverErrorRate, double rateLimitRate, double lostResponseRate, double concurrentEditRate, int seed, int guaranteed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(guaranteed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serverErrorRate + rateLimitRate, 1d, nameof(rateLimitRate));
        EnableRates(seed, serverErrorRate, rateLimitRate, lostResponseRate, concurrentEditRate);
        Guarantee(guaranteed);
    }

    /// <summary>True (and counted) when the simulator should edit the record concurrently before this update.</summary>
    /// <returns>Whether to make the caller's version stale.</returns>
    public bool TryConcurrentEdit() => RollCounted(ConcurrentEdit, ConcurrentEdit);

    /// <summary>The middleware: answers a fault, or runs the simulator and possibly loses its committed answer.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The simulator.</param>
    /// <returns>A task that completes when the request is answered or aborted.</returns>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Interlocked.Increment(ref _requests);
        if (Hold is { } hold)
        {
            await hold(context.Request, context.RequestAborted);
        }

        var (lose, forcedLoss, status) = (false, false, 0);
        if (Applies(context.Request))
        {
            (lose, forcedLoss, status) = Draw((random, rates, forced) =>
            {
                int answer;
                if (forced[ServerError] > 0)
                {
                    forced[ServerError]--;
                    answer = ServerErrorStatuses[random.Next(ServerErrorStatuses.Length)];
                }
                else if (forced[RateLimit] > 0)
                {
                    forced[RateLimit]--;
                    answer = StatusCodes.Status429TooManyRequests;
                }
                else
                {
                    var roll = random.NextDouble();
                    answer = roll < rates[ServerError] ? ServerErrorStatuses[random.Next(ServerErrorStatuses.Length)]
                        : roll < rates[ServerError] + rates[RateLimit] ? StatusCodes.Status429TooManyRequests
                        : 0;
                }

                // A guaranteed loss waits for a write that succeeds (a refused one committed nothing), so it is taken below.
                var write = answer == 0 && IsWrite(context.Request.Method);
                var guaranteedLoss = write && forced[LostResponse] > 0;
                return (guaranteedLoss || (write && rates[LostResponse] > 0 && random.NextDouble() < rates[LostResponse]), guaranteedLoss, answer);
            });
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            Count(RateLimit);
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("Too Many Requests (simulated)", context.RequestAborted);
            return;
        }

        if (status != 0)
        {
            Count(ServerError);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("Service Unavailable (simulated)", context.RequestAborted);
            return;
        }

        if (!lose)
        {
            await next(context);
            CountLimited(context);
            return;
        }

        // Keep the answer in memory, let the simulator commit, then drop the connection instead of answering.
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        CountLimited(context);

        if (context.Response.StatusCode is >= 200 and < 300 && (!forcedLoss || TakeGuaranteed(LostResponse)))
        {
            Count(LostResponse);
            context.Abort();
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private void CountLimited(HttpContext context)
    {
        if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            Interlocked.Increment(ref _limited);
        }
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
