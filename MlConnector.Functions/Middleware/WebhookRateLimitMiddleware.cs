using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using MlConnector.Core.Intake;

namespace MlConnector.Functions.Middleware;

/// <summary>
/// The per-connection limit on the webhook functions (names ending in <c>Webhook</c>), the same limit <c>serve</c> applies
/// with ASP.NET Core's rate-limiting middleware: the invocation takes a permit from Core's
/// <see cref="WebhookRateLimits.Limiter"/> (partitioned by vendor and the route's <c>{connectionId}</c>) before the trigger
/// runs; without one it is answered 429 with <c>Retry-After</c> and the function does not run. The limiter is in the
/// worker's memory, so on Azure the limit holds per instance (N instances allow N times the rate); a hard app-wide
/// limit needs API Management or Front Door rate limiting in front of the app.
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

        var connectionId = context.BindingContext.BindingData.TryGetValue(WebhookRateLimits.ConnectionRouteValue, out var value) ? value as string : null;
        using var lease = limits.Limiter.AttemptAcquire(WebhookRateLimits.PartitionKey(http.Request.Path, connectionId));
        if (!lease.IsAcquired)
        {
            await WebhookRateLimits.WriteRejectionAsync(http, lease);
            return;
        }

        await next(context);
    }
}
