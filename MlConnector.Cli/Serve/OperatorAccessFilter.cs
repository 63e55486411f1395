using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Operations;

namespace MlConnector.Cli.Serve;

/// <summary>
/// Guards the standalone host's operator API, in this order: loopback callers only (403), an allowed <c>Host</c> (400),
/// the operator bearer token (<see cref="OperatorTokenAuthenticator"/>, 401), JSON bodies (415; <see cref="OperatorRequestGuard"/>);
/// the authenticated <see cref="OperatorIdentity"/> is then stored on the request for the handlers.
/// </summary>
internal static class OperatorAccessFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return Results.Problem("The operator API of the standalone host answers loopback callers only.", statusCode: StatusCodes.Status403Forbidden);
        }

        var services = http.RequestServices;
        if (OperatorRequestGuard.CheckHost(http.Request, services.GetRequiredService<IOptions<OperatorAccessOptions>>().Value.AllowedHosts) is { } foreign)
        {
            return foreign;
        }

        var identity = await services.GetRequiredService<OperatorTokenAuthenticator>().AuthenticateAsync(http.Request, http.RequestAborted);
        if (identity is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"ml-connector\"";
            return Results.Problem(
                "Send the operator token as 'Authorization: Bearer <token>'. `mlconnector serve` writes it to .mlconnector/operator-token (readable by its user only).",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (OperatorRequestGuard.CheckContentType(http.Request) is { } unsupported)
        {
            return unsupported;
        }

        OperatorIdentity.Set(http, identity);
        return await next(context);
    }
}
