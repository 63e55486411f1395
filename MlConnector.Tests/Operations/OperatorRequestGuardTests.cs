using Microsoft.AspNetCore.Http;
using MlConnector.Core.Operations;

namespace MlConnector.Tests.Operations;

/// <summary>The request guard both hosts apply to operator routes (the Functions app through its middleware).</summary>
public class OperatorRequestGuardTests
{
    [Theory]
    [InlineData("/api/connections", true)]
    [InlineData("/api/connections/acme/secrets/x", true)]
    [InlineData("/API/Failures/replay", true)]
    [InlineData("/api/health", false)]
    [InlineData("/api/openapi.json", false)]
    [InlineData("/api/webhooks/shipstation/acme/s", false)]
    [InlineData("/api/oauth/qbo/callback", false)]
    [InlineData("/api/qbwc", false)]
    [InlineData("/other", false)]
    public void IsOperatorPath_Path_ClassifiesRoute(string path, bool expected)
    {
        // Act / Assert
        Assert.Equal(expected, OperatorRequestGuard.IsOperatorPath(path));
    }

    [Theory]
    [InlineData("GET", "127.0.0.1:5080", null, 200)]
    [InlineData("GET", "localhost", null, 200)]
    [InlineData("GET", "[::1]:5080", null, 200)]
    [InlineData("GET", "mlc.example.com", null, 200)]
    [InlineData("GET", "evil.example", null, 400)]
    [InlineData("GET", "", null, 400)]
    [InlineData("POST", "localhost", "application/json; charset=utf-8", 200)]
    [InlineData("POST", "localhost", "text/plain", 415)]
    [InlineData("POST", "localhost", "application/x-www-form-urlencoded", 415)]
    [InlineData("POST", "localhost", null, 415)]
    [InlineData("PUT", "localhost", "multipart/form-data; boundary=x", 415)]
    [InlineData("DELETE", "localhost", null, 200)]
    [InlineData("DELETE", "localhost", "text/plain", 415)]
    [InlineData("POST", "evil.example", "text/plain", 400)]
    public void Check_Request_RefusesForeignHostsAndNonJsonBodies(string method, string host, string? contentType, int expected)
    {
        // Arrange
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Host = new HostString(host);
        context.Request.ContentType = contentType;

        // Act
        var result = OperatorRequestGuard.Check(context.Request, ["MLC.example.com"]);

        // Assert
        Assert.Equal(expected, result is null ? 200 : Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }
}
