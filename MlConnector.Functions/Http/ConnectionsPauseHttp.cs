using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections/{id}/pause[?reason=]</c> (function key): pauses a connection; webhooks are still accepted, no sync runs.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsPauseHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsPauseHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/pause")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.PauseAsync(id, QueryString.Get(request, "reason"), OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
