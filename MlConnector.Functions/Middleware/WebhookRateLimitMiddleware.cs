using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using MlConnector.Core.Intake;

namespace MlConnector.Functions.Middleware;

/// <summary>
/// The pre-verification guard on the webhook functions (names ending in <c>Webhook</c>), the same guard <c>serve</c>
/// applies with ASP.NET Core's rate-limiting middleware: the invocation takes a permit from Core's
/// <see cref="WebhookRateLimits.CallerLimiter"/>, partitioned by the caller's address (<see cref="WebhookRateLimits.CallerKey"/>:
/// the address the platform's front end saw, from <c>X-Forwarded-For</c> as the worker's forwarded-headers middleware
/// applies it), before the trigger runs; without one it is answered 429 with <c>Retry-After</c> and the function does
/// not run. The per-connection budget is spent later, by Core's <see cref="WebhookIntake"/>, only for deliveries the
/// function verified. The limiters are in the worker's memory, so on Azure the limits hold per instance (N instances
/// allow N times the rate); a hard app-wide limit needs API Management or Front Door rate limiting in front of the app.
/// </summary>
/// <param name="limits">The shared limits.</param>
public sealed class WebhookRateLimitMiddleware(WebhookRateLimits limits) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.FunctionDefinition.Name.EndsWith("Webhook", StringComparison.Ordinal) ? context.GetHttpContext() : null;
        if (http is null)
        {
            await next(context);
            return;
        }

        using var lease = limits.CallerLimiter.AttemptAcquire(WebhookRateLimits.CallerKey(http));
        if (!lease.IsAcquired)
        {
            await WebhookRateLimits.WriteRejectionAsync(http, lease);
            return;
        }

        await next(context);
    }
}
