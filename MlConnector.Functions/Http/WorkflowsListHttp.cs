using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/workflows[?status=&amp;connectionId=&amp;continuationToken=&amp;pageSize=]</c> (function key): one page of Durable orchestration instances as workflow statuses, the next page's token in <c>x-ms-continuation-token</c>; 400 for an unknown status or a bad page size.</summary>
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
        var pageSizeText = QueryString.Get(request, "pageSize");

        // A pageSize that is not a number is passed as 0, which is refused like one out of range (400).
        int? pageSize = pageSizeText is null ? null : int.TryParse(pageSizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;
        return services.Resolve<WorkflowsApi>(durableClient)
            .ListAsync(QueryString.Get(request, "status"), QueryString.Get(request, "connectionId"), QueryString.Get(request, "continuationToken"), pageSize, cancellationToken);
    }
}
