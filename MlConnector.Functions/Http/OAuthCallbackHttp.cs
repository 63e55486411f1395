using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>GET /api/oauth/{provider}/callback?code=&amp;state=&amp;realmId=</c> (anonymous: the provider redirects the
/// merchant's browser here; register this URL as the app's redirect URI). The connection comes from the signed
/// <c>state</c>, never from a parameter the caller chooses.
/// </summary>
/// <param name="api">The OAuth connect endpoints (Core, shared with the standalone host).</param>
public sealed class OAuthCallbackHttp(OAuthConnectApi api)
{
    [Function(nameof(OAuthCallbackHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oauth/{provider}/callback")] HttpRequest request,
        string provider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.CallbackAsync(provider, request.Query, cancellationToken);
    }
}
