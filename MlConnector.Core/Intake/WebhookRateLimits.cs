using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// The per-connection limit of the webhook routes, shared by both hosts: <c>serve</c> hands <see cref="PartitionFor"/> to
/// ASP.NET Core's rate-limiting middleware, the Functions app acquires from <see cref="Limiter"/> in a worker middleware.
/// Each connection (the route's <c>{connectionId}</c>; every QBO delivery shares the <c>qbo</c> bucket, since that route
/// has none) gets a token bucket of <see cref="WebhookRateLimitOptions.Burst"/> permits refilled at
/// <see cref="WebhookRateLimitOptions.PermitsPerSecond"/>; no request queues, so one over the limit is answered at once
/// with 429 and <c>Retry-After</c> (<see cref="WriteRejectionAsync"/>), and the vendor delivers it again later.
/// </summary>
public sealed class WebhookRateLimits : IDisposable
{
    /// <summary>The name of the policy <c>serve</c> puts on its webhook routes.</summary>
    public const string PolicyName = "webhook-connection";

    /// <summary>The route value that names the connection.</summary>
    public const string ConnectionRouteValue = "connectionId";

    private readonly WebhookRateLimitOptions _options;

    /// <summary>Creates the limits from the settings.</summary>
    /// <param name="options">The settings.</param>
    public WebhookRateLimits(IOptions<WebhookRateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Limiter = PartitionedRateLimiter.Create<string, string>(key => Partition(key));
    }

    /// <summary>The limiter over partition keys (<see cref="PartitionKey"/>), for a host without the ASP.NET Core middleware.</summary>
    public PartitionedRateLimiter<string> Limiter { get; }

    /// <summary>The partition a webhook request falls in: the route's vendor and connection.</summary>
    /// <param name="path">The request path, <c>/api/webhooks/{vendor}[/{connectionId}/…]</c>.</param>
    /// <param name="connectionId">The route's connection id; null for QBO's app-wide route.</param>
    /// <returns>The partition key, for example <c>ups/acme</c>, or <c>qbo</c>.</returns>
    public static string PartitionKey(PathString path, string? connectionId)
    {
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var vendor = segments.Length > 2 ? segments[2] : "webhooks";
        return string.IsNullOrEmpty(connectionId) ? vendor : vendor + "/" + connectionId;
    }

    /// <summary>The partition of a request to a webhook route of <c>serve</c>, for ASP.NET Core's rate-limiting middleware.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A token-bucket partition keyed by <see cref="PartitionKey"/>, or no limiter when the limit is off.</returns>
    public RateLimitPartition<string> PartitionFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Partition(PartitionKey(context.Request.Path, context.Request.RouteValues[ConnectionRouteValue] as string));
    }

    /// <summary>Answers a rejected request: 429 with <c>Retry-After</c> (whole seconds, at least 1) and a problem body.</summary>
    /// <param name="context">The request.</param>
    /// <param name="lease">The failed lease (its retry-after metadata, when the limiter gives one).</param>
    /// <returns>A task that completes when the answer is written.</returns>
    public static async Task WriteRejectionAsync(HttpContext context, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Results.Problem("Too many deliveries for this connection; deliver again after Retry-After seconds.", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();

    private RateLimitPartition<string> Partition(string key) => _options.Enabled
        ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _options.Burst,
            TokensPerPeriod = _options.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        })
        : RateLimitPartition.GetNoLimiter(key);
}
