using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Intake.Ups;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>POST /api/webhooks/ups/{connectionId}/{secret}</c> (anonymous: UPS Track Alert signs nothing over the body, so the
/// per-connection URL secret is the credential, checked in constant time by Core's <see cref="UpsTrackAlertWebhookApi"/>,
/// which also refuses an <c>x-api-key</c> that is not our UPS client id). Starts "UPS tracking → QBO bill" once per
/// package status under its deterministic instance id through this invocation's Durable client; a redelivery is a
/// duplicate. 200, 400, 401, 404 (unknown connection or wrong secret), 413 or 429 (per caller; per connection, verified deliveries only).
/// </summary>
/// <param name="services">Builds the Core <see cref="UpsTrackAlertWebhookApi"/> over this invocation's Durable client.</param>
public sealed class UpsTrackAlertWebhook(DurableClientServices services)
{
    [Function(nameof(UpsTrackAlertWebhook))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/ups/{connectionId}/{secret}")] HttpRequest request,
        string connectionId,
        string secret,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<UpsTrackAlertWebhookApi>(durableClient).ReceiveAsync(connectionId, secret, request, cancellationToken);
    }
}
