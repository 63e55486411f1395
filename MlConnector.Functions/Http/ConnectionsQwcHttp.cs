using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Integrations.QbdShipStation;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections/{id}/qwc</c> (function key): the <c>qbd-shipstation</c> connection's QuickBooks Web Connector file; 404 for another kind.</summary>
/// <param name="api">Core's <see cref="QbdShipStationApi"/>.</param>
public sealed class ConnectionsQwcHttp(QbdShipStationApi api)
{
    [Function(nameof(ConnectionsQwcHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}/qwc")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.GetQwcAsync(id, request, cancellationToken);
    }
}
