using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections</c> (function key): creates a connection from the JSON body; 201, or 400 listing every invalid field.</summary>
/// <param name="api">The operator API over connections (Core, shared with the standalone host).</param>
public sealed class ConnectionsCreateHttp(ConnectionsApi api)
{
    [Function(nameof(ConnectionsCreateHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.CreateAsync(request, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
