using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections/{id}/audit?from=&amp;to=&amp;businessKey=&amp;outcome=&amp;operation=&amp;workflowInstanceId=&amp;limit=</c> (function key): the connection's audit records, newest first.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsAuditHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsAuditHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}/audit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.QueryAuditAsync(id, request.Query, cancellationToken);
    }
}
