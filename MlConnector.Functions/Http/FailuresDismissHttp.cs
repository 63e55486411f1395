using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Operations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/failures/{id}/dismiss</c> (function key): dismisses a failure with a reason (audited).</summary>
/// <param name="services">Builds the Core <see cref="FailuresApi"/> over this invocation's Durable client.</param>
public sealed class FailuresDismissHttp(DurableClientServices services)
{
    [Function(nameof(FailuresDismissHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "failures/{id}/dismiss")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        services.Resolve<FailuresApi>(durableClient).DismissAsync(id, request, cancellationToken);
}
