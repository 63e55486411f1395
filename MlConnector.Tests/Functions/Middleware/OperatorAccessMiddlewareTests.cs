using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Operations;
using MlConnector.Functions.Middleware;
using Moq;

namespace MlConnector.Tests.Functions.Middleware;

/// <summary>The Functions app's guard of the operator routes: foreign <c>Host</c> and non-JSON bodies never reach a function; the caller's identity does.</summary>
public class OperatorAccessMiddlewareTests
{
    private const string HttpContextItemKey = "HttpRequestContext";

    [Theory]
    [InlineData("POST", "/api/connections", "evil.example", "application/json", 400)]
    [InlineData("POST", "/api/connections", "mlc-prod.azurewebsites.net", "text/plain", 415)]
    [InlineData("POST", "/api/connections/acme/pause", "localhost:7071", "application/x-www-form-urlencoded", 415)]
    [InlineData("GET", "/api/workflows", "evil.example", null, 400)]
    public async Task Invoke_RefusedOperatorRequest_AnswersWithoutRunningTheFunction(string method, string path, string host, string? contentType, int expected)
    {
        // Arrange
        var http = CreateHttpContext(method, path, host, contentType);
        var ran = false;

        // Act
        await CreateSut().Invoke(CreateFunctionContext(http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.False(ran);
        Assert.Equal(expected, http.Response.StatusCode);
    }

    [Theory]
    [InlineData(null, "alice", "alice (function-key)")]
    [InlineData(null, null, "operator (function-key)")]
    [InlineData("bob@contoso.com", "alice", "bob@contoso.com (entra-id)")]
    public async Task Invoke_AllowedOperatorRequest_RunsTheFunctionWithTheCallersIdentity(string? principal, string? declared, string expected)
    {
        // Arrange
        var http = CreateHttpContext("POST", "/api/connections", "MLC-prod.azurewebsites.net", "application/json; charset=utf-8");
        if (principal is not null)
        {
            http.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = principal;
        }

        if (declared is not null)
        {
            http.Request.Headers[OperatorIdentity.NameHeader] = declared;
        }

        OperatorIdentity? seen = null;

        // Act
        await CreateSut().Invoke(CreateFunctionContext(http), _ =>
        {
            seen = OperatorIdentity.Of(http);
            return Task.CompletedTask;
        });

        // Assert
        Assert.Equal(expected, seen?.ToString());
    }

    [Fact]
    public async Task Invoke_VendorWebhook_IsNotAnOperatorRoute()
    {
        // Arrange: ShipStation posts from its own host name; the URL secret is its credential, checked by the function.
        var http = CreateHttpContext("POST", "/api/webhooks/shipstation/acme/s3cret", "hooks.example", "text/plain");
        var ran = false;

        // Act
        await CreateSut().Invoke(CreateFunctionContext(http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        // Assert
        Assert.True(ran);
    }

    private static OperatorAccessMiddleware CreateSut()
    {
        var options = new OperatorAccessOptions();
        options.AllowedHosts.Add("mlc-prod.azurewebsites.net");
        return new OperatorAccessMiddleware(Options.Create(options));
    }

    private static DefaultHttpContext CreateHttpContext(string method, string path, string host, string? contentType)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.Host = new HostString(host);
        http.Request.ContentType = contentType;
        return http;
    }

    private static FunctionContext CreateFunctionContext(HttpContext http)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { [HttpContextItemKey] = http });
        return context.Object;
    }
}
