using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections/{id}/backfill</c> (function key): the connection's last backfill, its progress and workflow status; 404 when never backfilled.</summary>
/// <param name="services">Builds the Core <see cref="ShipStationQboBackfillApi"/> over this invocation's Durable client.</param>
public sealed class ConnectionsBackfillGetHttp(DurableClientServices services)
{
    [Function(nameof(ConnectionsBackfillGetHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}/backfill")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<ShipStationQboBackfillApi>(durableClient).GetAsync(id, cancellationToken);
    }
}
