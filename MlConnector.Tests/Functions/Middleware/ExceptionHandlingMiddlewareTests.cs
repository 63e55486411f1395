using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Functions.Middleware;
using Moq;

namespace MlConnector.Tests.Functions.Middleware;

public class ExceptionHandlingMiddlewareTests
{
    private const string InvocationId = "3f1c2d9e-invocation";

    /// <summary>The item key under which the ASP.NET Core integration stores the invocation's HttpContext.</summary>
    private const string HttpContextItemKey = "HttpRequestContext";

    private readonly FakeLogger<ExceptionHandlingMiddleware> _logger = new();

    [Fact]
    public async Task Invoke_HttpFunctionThrows_Returns500ProblemWithoutDetails()
    {
        // Arrange
        var sut = CreateSut();
        var http = CreateHttpContext();
        var failure = new InvalidOperationException("QBO said: token=abc123 for realm 9130");

        // Act
        await sut.Invoke(CreateFunctionContext(http), _ => throw failure);

        // Assert
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType?.Split(';')[0]);
        var body = ReadBody(http);
        Assert.DoesNotContain("abc123", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(500, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(InvocationId, json.RootElement.GetProperty("invocationId").GetString());
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(9000, log.Id.Id);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Same(failure, log.Exception);
    }

    [Fact]
    public async Task Invoke_NonHttpFunctionThrows_LogsAndRethrows()
    {
        // Arrange
        var sut = CreateSut();
        var failure = new TimeoutException("vendor timed out");

        // Act
        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => sut.Invoke(CreateFunctionContext(http: null), _ => throw failure));

        // Assert
        Assert.Same(failure, thrown);
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal("FunctionFailed", log.Id.Name);
        Assert.Same(failure, log.Exception);
        Assert.Contains("HealthHttp", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_CallerDisconnected_LogsInformationAndWritesNothing()
    {
        // Arrange
        var sut = CreateSut();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var http = CreateHttpContext();
        http.RequestAborted = aborted.Token;

        // Act
        await sut.Invoke(CreateFunctionContext(http), _ => throw new OperationCanceledException(aborted.Token));

        // Assert
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal(string.Empty, ReadBody(http));
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(9001, log.Id.Id);
        Assert.Equal(LogLevel.Information, log.Level);
    }

    [Fact]
    public async Task Invoke_FunctionSucceeds_PassesThroughWithoutLogging()
    {
        // Arrange
        var sut = CreateSut();
        var http = CreateHttpContext();
        var called = false;

        // Act
        await sut.Invoke(CreateFunctionContext(http), _ =>
        {
            called = true;
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });

        // Assert
        Assert.True(called);
        Assert.Equal(StatusCodes.Status202Accepted, http.Response.StatusCode);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    private ExceptionHandlingMiddleware CreateSut() => new(_logger);

    private static DefaultHttpContext CreateHttpContext() => new() { Response = { Body = new MemoryStream() } };

    private static FunctionContext CreateFunctionContext(HttpContext? http)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("HealthHttp");
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items[HttpContextItemKey] = http;
        }

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        return context.Object;
    }

    private static string ReadBody(HttpContext http)
    {
        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
