using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/workflows/{instanceId}</c> (function key): one instance with input, custom status, output and failure, or 404.</summary>
/// <param name="services">Builds the Core <see cref="WorkflowsApi"/> over this invocation's Durable client.</param>
public sealed class WorkflowsGetHttp(DurableClientServices services)
{
    [Function(nameof(WorkflowsGetHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<WorkflowsApi>(durableClient).GetAsync(instanceId, cancellationToken);
    }
}
