using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections[?kind=]</c> (function key): lists connections, optionally of one integration kind.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsListHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsListHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.ListAsync(QueryString.Get(request, "kind"), cancellationToken);
    }
}
