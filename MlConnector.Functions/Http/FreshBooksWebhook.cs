using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>POST /api/webhooks/freshbooks/{connectionId}</c> (anonymous: FreshBooks signs every event delivery with the
/// callback's verifier, checked in constant time by Core's <see cref="FreshBooksWebhookApi"/>; the unsigned verifier
/// handshake is only confirmed once FreshBooks accepts it back). Records the delivery and answers at once; the queue
/// trigger dispatches it. 200, 400, 401, 404, 413, 415 or 429 (WebhookRateLimitMiddleware per caller; Core per connection, verified deliveries only).
/// </summary>
/// <param name="services">Builds the Core <see cref="FreshBooksWebhookApi"/> over this invocation's Durable client.</param>
public sealed class FreshBooksWebhook(DurableClientServices services)
{
    [Function(nameof(FreshBooksWebhook))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/freshbooks/{connectionId}")] HttpRequest request,
        string connectionId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<FreshBooksWebhookApi>(durableClient).ReceiveAsync(connectionId, request, cancellationToken);
    }
}
