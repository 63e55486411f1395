using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Intake;

namespace MlConnector.Functions.Http;

/// <summary><c>GET /api/intake</c> (function key): how many webhook deliveries wait for dispatch and how many are kept as poison; 200 <c>{"pending": n, "poison": m}</c> (approximate, as storage counts them).</summary>
/// <param name="intake">The webhook intake.</param>
public sealed class IntakeGetHttp(WebhookIntake intake)
{
    [Function(nameof(IntakeGetHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "intake")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pending, poison) = await intake.CountAsync(cancellationToken);
        return Results.Ok(new { pending, poison });
    }
}
