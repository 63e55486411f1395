using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections/{id}/webhooks/register</c> (function key): registers the connection's ShipStation webhooks with a fresh URL secret; 200 with what was registered, 400, 404 or 502.</summary>
/// <param name="api">The operator API over webhook registration (Core, shared with the standalone host).</param>
public sealed class ConnectionsWebhooksRegisterHttp(WebhooksApi api)
{
    [Function(nameof(ConnectionsWebhooksRegisterHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/webhooks/register")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.RegisterAsync(id, request, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
