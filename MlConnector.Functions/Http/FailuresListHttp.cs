using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/failures[?connectionId=&amp;kind=&amp;since=]</c> (function key): the open failures with what to fix and who fixes it.</summary>
/// <param name="services">Builds the Core <see cref="FailuresApi"/> over this invocation's Durable client.</param>
public sealed class FailuresListHttp(DurableClientServices services)
{
    [Function(nameof(FailuresListHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "failures")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<FailuresApi>(durableClient).ListAsync(
            QueryString.Get(request, "connectionId"), QueryString.Get(request, "kind"), QueryString.Get(request, "since"), cancellationToken);
    }
}
