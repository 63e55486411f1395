using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Intake;

namespace MlConnector.Functions.Http;

/// <summary><c>POST /api/intake/poison/replay?max=N</c> (function key): moves up to N (default 1000) poison webhook deliveries back to the delivery queue; 200 <c>{"replayed": n}</c>.</summary>
/// <param name="intake">The webhook intake.</param>
public sealed class IntakePoisonReplayHttp(WebhookIntake intake)
{
    [Function(nameof(IntakePoisonReplayHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "intake/poison/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = int.TryParse(request.Query["max"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 1000) : 1000;
        return Results.Ok(new { replayed = await intake.ReplayPoisonAsync(max, cancellationToken) });
    }
}
