using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/failures/replay</c> (function key): replays the listed failures, or every open one, each once.</summary>
/// <param name="services">Builds the Core <see cref="FailuresApi"/> over this invocation's Durable client.</param>
public sealed class FailuresReplayHttp(DurableClientServices services)
{
    [Function(nameof(FailuresReplayHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "failures/replay")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        services.Resolve<FailuresApi>(durableClient).ReplayAsync(request, cancellationToken);
}
