using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections/{id}/test</c> (function key): the cheapest authenticated read per system, each check with a fix.</summary>
/// <param name="api">The operator API that tests connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsTestHttp(ConnectionChecksApi api)
{
    [Function(nameof(ConnectionsTestHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/test")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.TestAsync(id, cancellationToken);
    }
}
