using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using MlConnector.Core.Intake;

namespace MlConnector.Cli.Serve;

/// <summary>
/// <c>serve</c>'s pre-verification guard on the webhook routes: ASP.NET Core's rate-limiting middleware with one policy,
/// <see cref="WebhookRateLimits.PolicyName"/>, partitioned by the caller's address (<see cref="WebhookRateLimits.PartitionFor"/>;
/// the Functions app applies the same guard in <c>WebhookRateLimitMiddleware</c>). A rejected request is answered 429 with
/// <c>Retry-After</c> before the route runs. The per-connection budget is not here: Core's <see cref="WebhookIntake"/>
/// spends it only on deliveries the route verified, on both hosts.
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

    /// <summary>Puts the webhook policy (the per-caller guard) on a route.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="route">The webhook route.</param>
    /// <returns>The same route.</returns>
    public static TBuilder LimitPerCaller<TBuilder>(this TBuilder route)
        where TBuilder : IEndpointConventionBuilder => route.RequireRateLimiting(WebhookRateLimits.PolicyName);
}
