using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>PUT /api/secrets/{name}</c> (function key): stores an app-wide secret (an OAuth client secret) from <c>{"value": "..."}</c> in Key Vault; 204 or 400.</summary>
/// <param name="api">The operator API over secrets (Core, shared with the standalone host).</param>
public sealed class SecretsSetHttp(SecretsApi api)
{
    [Function(nameof(SecretsSetHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "secrets/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.SetAppSecretAsync(name, request, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
