using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>PUT /api/connections/{id}</c> (function key, <c>If-Match</c> or <c>version</c> in the body): replaces a connection; 409 when the version is stale.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsUpdateHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsUpdateHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "connections/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.UpdateAsync(id, request, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
