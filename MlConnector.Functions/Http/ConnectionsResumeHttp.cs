using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/connections/{id}/resume</c> (function key): resumes a paused connection and runs the work held while it was paused, once, in order.</summary>
/// <param name="services">Builds the Core <see cref="ConnectionsApi"/> over this invocation's Durable client.</param>
public sealed class ConnectionsResumeHttp(DurableClientServices services)
{
    [Function(nameof(ConnectionsResumeHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "connections/{id}/resume")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<ConnectionsApi>(durableClient).ResumeAsync(id, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
