using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using MlConnector.Core.Operations;

namespace MlConnector.Functions.Middleware;

/// <summary>
/// The operator routes' request guard on Azure (<see cref="OperatorRequestGuard"/>: an allowed <c>Host</c>, JSON bodies)
/// and the operator's identity for the audit trail. Authentication itself is the platform's: every operator trigger is
/// <c>AuthorizationLevel.Function</c> (a function or host key in <c>x-functions-key</c> or <c>?code=</c>), and App
/// Service authentication with Entra ID may stand in front of it (docs: README "Operator access").
/// </summary>
/// <remarks>
/// Allowed hosts: the loopback names, the app's default name (<c>WEBSITE_HOSTNAME</c>, set by the platform) and
/// <c>Operator:AllowedHosts</c> (custom domains). The identity is the Entra ID principal when App Service authentication
/// injected <c>X-MS-CLIENT-PRINCIPAL-NAME</c> (it strips client-sent copies), otherwise the name declared in
/// <see cref="OperatorIdentity.NameHeader"/> with method <see cref="OperatorIdentity.FunctionKey"/>.
/// </remarks>
/// <param name="options">The operator access options.</param>
public sealed class OperatorAccessMiddleware(IOptions<OperatorAccessOptions> options) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        if (http is null || !OperatorRequestGuard.IsOperatorPath(http.Request.Path))
        {
            await next(context);
            return;
        }

        if (OperatorRequestGuard.Check(http.Request, AllowedHosts()) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        var principal = OperatorIdentity.Clean(http.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString());
        OperatorIdentity.Set(http, principal is null ? OperatorIdentity.Declared(http.Request, OperatorIdentity.FunctionKey) : new OperatorIdentity(principal, OperatorIdentity.EntraId));
        await next(context);
    }

    private IEnumerable<string> AllowedHosts()
    {
        var site = Environment.GetEnvironmentVariable("WEBSITE_HOSTNAME");
        return string.IsNullOrEmpty(site) ? options.Value.AllowedHosts : options.Value.AllowedHosts.Append(site.Split(':')[0]);
    }
}
