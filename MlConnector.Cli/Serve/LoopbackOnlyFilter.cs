using System.Net;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Cli.Serve;

/// <summary>Lets only callers on this machine reach the operator API of the standalone host.</summary>
internal static class LoopbackOnlyFilter
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Problem("The operator API of the standalone host answers loopback callers only.", statusCode: StatusCodes.Status403Forbidden));
    }
}
