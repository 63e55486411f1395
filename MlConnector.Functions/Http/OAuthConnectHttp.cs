using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>GET /api/oauth/{provider}/connect/{connectionId}</c> (anonymous: the merchant's browser follows this link):
/// redirects to the provider's consent page, or 404 when the connection does not exist.
/// </summary>
/// <param name="api">The OAuth connect endpoints (Core, shared with the standalone host).</param>
public sealed class OAuthConnectHttp(OAuthConnectApi api)
{
    [Function(nameof(OAuthConnectHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oauth/{provider}/connect/{connectionId}")] HttpRequest request,
        string provider,
        string connectionId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.ConnectAsync(provider, connectionId, cancellationToken);
    }
}
