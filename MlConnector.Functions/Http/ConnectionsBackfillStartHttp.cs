using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections/{id}/backfill</c> with <c>{"since":"…"}</c> (function key): starts a backfill of the connection's ShipStation orders into QBO; 202, 200 when already started, 400, 404.</summary>
/// <param name="services">Builds the Core <see cref="ShipStationQboBackfillApi"/> over this invocation's Durable client.</param>
public sealed class ConnectionsBackfillStartHttp(DurableClientServices services)
{
    [Function(nameof(ConnectionsBackfillStartHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/backfill")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<ShipStationQboBackfillApi>(durableClient).StartAsync(id, request, cancellationToken);
    }
}
