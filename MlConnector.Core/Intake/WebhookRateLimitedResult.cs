using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Intake;

/// <summary>
/// The answer to a webhook request over one of <see cref="WebhookRateLimits"/>' limits: <c>429 Too Many Requests</c>
/// (RFC 6585 §4) with <c>Retry-After: {seconds}</c> (RFC 9110 §10.2.3) and a problem body (RFC 9457). Nothing was read
/// into the intake or started, so the vendor's later redelivery loses nothing.
/// </summary>
/// <param name="retryAfterSeconds">The <c>Retry-After</c> value, in whole seconds (at least 1).</param>
/// <param name="detail">The problem body's detail: which limit refused the request.</param>
public sealed class WebhookRateLimitedResult(int retryAfterSeconds, string detail) : IResult, IStatusCodeHttpResult
{
    /// <summary>The <c>Retry-After</c> value, in seconds.</summary>
    public int RetryAfterSeconds => retryAfterSeconds;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status429TooManyRequests;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
    }
}
