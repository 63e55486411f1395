using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace MlConnector.Core.Resilience;

/// <summary>Adds ml-connector's one resilience set-up to a connector's typed <see cref="HttpClient"/>.</summary>
public static class ConnectorResilienceHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the connector's resilience handler: a total timeout, then a retry of transient outcomes (5xx, 408, 429,
    /// <see cref="HttpRequestException"/>, attempt timeouts) that honours <c>Retry-After</c> and <c>X-Rate-Limit-Reset</c>
    /// up to <see cref="ConnectorResilienceOptions.MaxDelay"/> and never resends a POST or PATCH unless the request was
    /// marked with <see cref="HttpRequestMessageResilienceExtensions.MarkIdempotent"/> (or, with
    /// <see cref="ConnectorResilienceOptions.RetryUnsafeOnThrottle"/>, it was refused with 429), then a per-attempt timeout.
    /// </summary>
    /// <remarks>
    /// Add this first, then <c>.AddHttpMessageHandler&lt;RateGovernorHandler&gt;()</c>, then the auth handler: handlers run in
    /// the order they are added, so each attempt spends rate budget and gets a current token. Add exactly one resilience
    /// handler per client. The pipeline's total timeout replaces <see cref="HttpClient.Timeout"/>, which is set to infinite.
    /// Options are named after <paramref name="connector"/>: <paramref name="configure"/> runs first, then the
    /// <c>Resilience:{connector}</c> configuration section, then validation (at start-up).
    /// </remarks>
    /// <param name="builder">The connector's HTTP client builder.</param>
    /// <param name="connector">The connector code, for example <c>qbo</c>; names the options and the pipeline.</param>
    /// <param name="configure">The connector's defaults, if any.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="connector"/> is empty.</exception>
    public static IHttpClientBuilder AddConnectorResilience(
        this IHttpClientBuilder builder,
        string connector,
        Action<ConnectorResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connector);

        var options = builder.Services.AddOptions<ConnectorResilienceOptions>(connector);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.BindConfiguration($"{ConnectorResilienceOptions.SectionPrefix}:{connector}").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler(connector, (pipeline, context) =>
        {
            var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = timeProvider;
            Configure(pipeline, context.GetOptions<ConnectorResilienceOptions>(connector), timeProvider);
        });
        return builder;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConnectorResilienceOptions options, TimeProvider timeProvider)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(VendorRequestedDelay(args.Outcome, options.MaxDelay, timeProvider)
                    ?? (options.FullJitter ? FullJitterDelay(options, args.AttemptNumber) : null)),
            });
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ConnectorResilienceOptions options, TimeProvider timeProvider)
    {
        var maxDelay = options.MaxDelay;
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        var throttled = outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;
        if (request is null || !(request.IsRetrySafe() || (throttled && options.RetryUnsafeOnThrottle)))
        {
            return false;
        }

        return outcome.Result is not { } response
            || RateLimitHeaders.GetRetryAfter(response, timeProvider.GetUtcNow()) is not { } requested
            || requested <= maxDelay;
    }

    /// <summary>A uniformly random delay in [0, min(MaxDelay, BaseDelay × 2^attempt)] ("full jitter").</summary>
    private static TimeSpan FullJitterDelay(ConnectorResilienceOptions options, int attemptNumber)
    {
        var cap = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNumber, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    private static TimeSpan? VendorRequestedDelay(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider timeProvider) =>
        outcome.Result is { } response && RateLimitHeaders.GetRetryAfter(response, timeProvider.GetUtcNow()) is { } requested
            ? (requested < maxDelay ? requested : maxDelay)
            : null;
}
