using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>POST /api/webhooks/qbo</c> (anonymous: Intuit signs every delivery with the app's verifier token, checked in
/// constant time by Core's <see cref="QboWebhookApi"/> before anything else). Routes each event by realm to its
/// connections' QBO change handlers, which start their orchestrations through this invocation's Durable client; a
/// redelivery is suppressed. 200 with a summary, 400, 401, 413, 429 (per caller; the app-wide qbo budget of verified deliveries) or 503.
/// </summary>
/// <param name="services">Builds the Core <see cref="QboWebhookApi"/> over this invocation's Durable client.</param>
public sealed class QboWebhook(DurableClientServices services)
{
    [Function(nameof(QboWebhook))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/qbo")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<QboWebhookApi>(durableClient).ReceiveAsync(request, cancellationToken);
    }
}
