using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/workflows/{instanceId}/replay</c> (function key): runs a failed instance again as a new instance with its original input; 202 (200 when already replayed), 404, or 409 when it has not failed.</summary>
/// <param name="services">Builds the Core <see cref="WorkflowsApi"/> over this invocation's Durable client.</param>
public sealed class WorkflowsReplayHttp(DurableClientServices services)
{
    [Function(nameof(WorkflowsReplayHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflows/{instanceId}/replay")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<WorkflowsApi>(durableClient).ReplayAsync(instanceId, OperatorIdentity.Of(request.HttpContext), cancellationToken);
    }
}
