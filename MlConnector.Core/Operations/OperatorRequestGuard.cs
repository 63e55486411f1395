using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Operations;

/// <summary>
/// The checks every operator request passes on both hosts before its handler runs, so a web page open in a browser on
/// the operator's machine can neither change nor read anything: the <c>Host</c> header must be an allowed name (DNS
/// rebinding), and a request that sends or should send a body must say <c>application/json</c> (a cross-site form or
/// <c>text/plain</c> POST is a "simple request" a browser sends without asking; JSON needs a CORS preflight, which no
/// operator route answers). Authentication is the host's (bearer token, function key or Entra ID).
/// </summary>
public static class OperatorRequestGuard
{
    /// <summary>
    /// True for a path under <c>/api</c> that belongs to the operator API: everything except the vendor webhooks
    /// (<c>/api/webhooks/…</c>, verified by signature or URL secret), the merchant's OAuth consent
    /// (<c>/api/oauth/…</c>), the QuickBooks Web Connector's SOAP endpoint (<c>/api/qbwc</c>, authenticated by the
    /// connection's QBWC password), <c>/api/health</c> and the OpenAPI document. A route added later is an operator route
    /// unless it is added to these exceptions.
    /// </summary>
    /// <param name="path">The request path.</param>
    /// <returns>Whether the operator checks apply.</returns>
    public static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase, out var rest)
        && !rest.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase)
        && !rest.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase)
        && !rest.Equals("/health", StringComparison.OrdinalIgnoreCase)
        && !rest.Equals("/qbwc", StringComparison.OrdinalIgnoreCase)
        && !rest.Equals("/openapi.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the host name, then the content type.</summary>
    /// <param name="request">The request.</param>
    /// <param name="allowedHosts">The allowed host names besides <see cref="OperatorAccessOptions.LoopbackHosts"/>, without port.</param>
    /// <returns>Null when the request may proceed; otherwise the problem to answer: 400 for a host name not allowed,
    /// 415 for a body (or a POST or PUT) that is not <c>application/json</c>.</returns>
    public static IResult? Check(HttpRequest request, IEnumerable<string> allowedHosts) =>
        CheckHost(request, allowedHosts) ?? CheckContentType(request);

    /// <summary>Checks the <c>Host</c> header against the loopback names and <paramref name="allowedHosts"/> (case-insensitive, port ignored).</summary>
    /// <param name="request">The request.</param>
    /// <param name="allowedHosts">The allowed host names besides <see cref="OperatorAccessOptions.LoopbackHosts"/>.</param>
    /// <returns>Null when allowed, otherwise a 400 problem.</returns>
    public static IResult? CheckHost(HttpRequest request, IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        var host = request.Host.Host;
        if (string.IsNullOrEmpty(host)
            || !OperatorAccessOptions.LoopbackHosts.Concat(allowedHosts).Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase)))
        {
            return Results.Problem(
                $"The operator API does not answer requests addressed to '{host}'. Add the name to {OperatorAccessOptions.SectionName}:AllowedHosts if it is yours.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return null;
    }

    /// <summary>Checks that a request with a body, and every POST, PUT or PATCH, says <c>application/json</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>Null when it does, otherwise a 415 problem.</returns>
    public static IResult? CheckContentType(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sendsBody = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)
            || request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || request.Headers.ContentType.Count > 0;
        return sendsBody && !IsJson(request.ContentType)
            ? Results.Problem("Operator requests carry Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType)
            : null;
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);
}
