using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/workflows[?status=&amp;connectionId=]</c> (function key): Durable orchestration instances as workflow statuses; 400 for an unknown status.</summary>
/// <param name="services">Builds the Core <see cref="WorkflowsApi"/> over this invocation's Durable client.</param>
public sealed class WorkflowsListHttp(DurableClientServices services)
{
    [Function(nameof(WorkflowsListHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<WorkflowsApi>(durableClient).ListAsync(QueryString.Get(request, "status"), QueryString.Get(request, "connectionId"), cancellationToken);
    }
}
