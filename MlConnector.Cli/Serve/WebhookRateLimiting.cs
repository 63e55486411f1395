using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using MlConnector.Core.Intake;

namespace MlConnector.Cli.Serve;

/// <summary>
/// <c>serve</c>'s per-connection limit on the webhook routes: ASP.NET Core's rate-limiting middleware with one policy,
/// <see cref="WebhookRateLimits.PolicyName"/>, whose partitions come from Core's <see cref="WebhookRateLimits"/> (the
/// Functions app applies the same limits in <c>WebhookRateLimitMiddleware</c>). A rejected request is answered 429 with
/// <c>Retry-After</c> before the route runs.
/// </summary>
internal static class WebhookRateLimiting
{
    /// <summary>Adds the rate limiter with the webhook policy.</summary>
    /// <param name="services">The services (with Core's intake added).</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddWebhookRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(WebhookRateLimits.PolicyName, http => http.RequestServices.GetRequiredService<WebhookRateLimits>().PartitionFor(http));
            options.OnRejected = (rejected, _) => new ValueTask(WebhookRateLimits.WriteRejectionAsync(rejected.HttpContext, rejected.Lease));
        });

    /// <summary>Puts the webhook policy on a route.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="route">The webhook route.</param>
    /// <returns>The same route.</returns>
    public static TBuilder LimitPerConnection<TBuilder>(this TBuilder route)
        where TBuilder : IEndpointConventionBuilder => route.RequireRateLimiting(WebhookRateLimits.PolicyName);
}
