using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>PUT /api/connections/{id}/secrets/{name}</c> (function key): stores <c>{"value": "..."}</c> in Key Vault as <c>conn-{id}-{name}</c>; 204, 400 or 404. The value is never echoed, logged or audited.</summary>
/// <param name="api">The operator API over secrets (Core, shared with the standalone host).</param>
public sealed class ConnectionsSecretsSetHttp(SecretsApi api)
{
    [Function(nameof(ConnectionsSecretsSetHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "connections/{id}/secrets/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.SetConnectionSecretAsync(id, name, request, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
