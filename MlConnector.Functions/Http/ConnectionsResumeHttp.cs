using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections/{id}/resume</c> (function key): resumes a paused connection.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsResumeHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsResumeHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/resume")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.ResumeAsync(id, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
