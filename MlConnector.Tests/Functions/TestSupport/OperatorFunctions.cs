using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Operations;
using MlConnector.Functions;
using Moq;

namespace MlConnector.Tests.Functions.TestSupport;

/// <summary>
/// The services the workflow operator functions need, registered as Core and the Functions app register them
/// (<see cref="WorkflowsApi"/> plus <c>AddMlConnectorFunctions</c>), with no storage: these functions reach only the
/// Durable client.
/// </summary>
internal static class OperatorFunctions
{
    public static ServiceProvider CreateProvider()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<WorkflowsApi>();
        services.AddSingleton<OperatorAudit>();
        services.AddSingleton(Mock.Of<MlConnector.Core.Audit.IAuditTrail>());
        services.AddMlConnectorFunctions();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static HttpRequest Request(string method, string query = "")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.QueryString = new QueryString(query);
        return http.Request;
    }

    public static int StatusOf(IResult result) => Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(result).StatusCode ?? StatusCodes.Status200OK;
}
