using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/connections/{id}/health</c> (function key): last sync per flow, open failures, tokens, last webhook and reconciliation, pause.</summary>
/// <param name="services">Builds the Core <see cref="ConnectionChecksApi"/> over this invocation's Durable client.</param>
public sealed class ConnectionsHealthHttp(DurableClientServices services)
{
    [Function(nameof(ConnectionsHealthHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "connections/{id}/health")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<ConnectionChecksApi>(durableClient).HealthAsync(id, cancellationToken);
    }
}
