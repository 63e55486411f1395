using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>POST /api/webhooks/shipstation/{connectionId}/{secret}</c> (anonymous: ShipStation V1 signs nothing, so the
/// per-connection URL secret is the credential, checked in constant time by Core's <see cref="ShipStationWebhookApi"/>).
/// Starts the notification orchestration under the delivery's deterministic instance id through this invocation's
/// Durable client; a redelivery is a duplicate. 200, 400, 404 (unknown connection or wrong secret), 413 or 429 (per
/// caller; per connection, verified deliveries only).
/// </summary>
/// <param name="services">Builds the Core <see cref="ShipStationWebhookApi"/> over this invocation's Durable client.</param>
public sealed class ShipStationWebhook(DurableClientServices services)
{
    [Function(nameof(ShipStationWebhook))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/shipstation/{connectionId}/{secret}")] HttpRequest request,
        string connectionId,
        string secret,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<ShipStationWebhookApi>(durableClient).ReceiveAsync(connectionId, secret, request, cancellationToken);
    }
}
