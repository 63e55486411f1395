using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections/{id}</c> (function key): one connection, or 404.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsGetHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsGetHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.GetAsync(id, cancellationToken);
    }
}
