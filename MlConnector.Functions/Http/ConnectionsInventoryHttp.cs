using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Integrations.QbdShipStation;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections/{id}/inventory</c> (function key): the last inventory reconciliation of a <c>qbd-shipstation</c> connection.</summary>
/// <param name="api">Core's <see cref="QbdShipStationApi"/>.</param>
public sealed class ConnectionsInventoryHttp(QbdShipStationApi api)
{
    [Function(nameof(ConnectionsInventoryHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}/inventory")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.GetInventoryAsync(id, cancellationToken);
    }
}
