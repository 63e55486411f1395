using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Intake;

/// <summary>
/// The answer of a full intake: <c>503 Service Unavailable</c> with <c>Retry-After: {seconds}</c> (RFC 9110 §10.2.3) and a
/// problem body (RFC 9457), so the vendor delivers the webhook again later. Nothing was acknowledged, so nothing is lost.
/// </summary>
/// <param name="retryAfterSeconds">The <c>Retry-After</c> value, in seconds.</param>
public sealed class IntakeFullResult(int retryAfterSeconds) : IResult, IStatusCodeHttpResult
{
    /// <summary>The <c>Retry-After</c> value, in seconds.</summary>
    public int RetryAfterSeconds => retryAfterSeconds;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem("The webhook intake is full; deliver again after Retry-After.", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
    }
}
