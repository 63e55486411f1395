using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>DELETE /api/connections/{id}</c> (function key): deletes a connection; 204, or 404. Its audit trail and secrets stay.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsDeleteHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsDeleteHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "connections/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.DeleteAsync(id, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
