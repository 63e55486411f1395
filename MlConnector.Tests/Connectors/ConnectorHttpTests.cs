using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors;
using MlConnector.Core.Errors;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors;

/// <summary>
/// The one success line of every vendor call (EventId 1800): it carries the vendor's request id when the connector names
/// its header (QBO <c>intuit_tid</c>), so a connector logs one line per call, not two.
/// </summary>
public sealed class ConnectorHttpTests
{
    private static readonly Uri Endpoint = new("https://vendor.example.test/v3/company/42/invoice");

    [Fact]
    public async Task SendAsync_ConnectorNamesRequestIdHeader_LogsOneLineWithTheVendorRequestId()
    {
        // Arrange
        var (sut, logger) = CreateSut("intuit_tid", new StubHttpMessageHandler().Enqueue(HttpStatusCode.OK, ("intuit_tid", "1-66a0f3c2-7d1e")));
        using var request = sut.CreateRequest(HttpMethod.Get, Endpoint, "c1", "42");

        // Act
        using var response = await sut.SendAsync(request, "c1");

        // Assert
        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal((1800, "VendorCallSucceeded"), (line.Id.Id, line.Id.Name));
        Assert.Contains(line.StructuredState!, kv => kv is { Key: "VendorRequestId", Value: "1-66a0f3c2-7d1e" });
        Assert.Equal("1-66a0f3c2-7d1e", sut.VendorRequestId(response));
    }

    [Fact]
    public async Task SendAsync_ConnectorNamesNoHeader_LogsTheLineWithoutARequestId()
    {
        // Arrange
        var (sut, logger) = CreateSut(null, new StubHttpMessageHandler().Enqueue(HttpStatusCode.OK, ("intuit_tid", "1-66a0f3c2-7d1e")));
        using var request = sut.CreateRequest(HttpMethod.Get, Endpoint, "c1", "42");

        // Act
        using var response = await sut.SendAsync(request, "c1");

        // Assert
        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains(line.StructuredState!, kv => kv is { Key: "VendorRequestId", Value: null });
        Assert.Null(sut.VendorRequestId(response));
    }

    private static (ConnectorHttp Sut, FakeLogger Logger) CreateSut(string? requestIdHeader, StubHttpMessageHandler handler)
    {
        var logger = new FakeLogger();
        var mapper = new HttpErrorMapper([], new FakeTimeProvider(), NullLogger<HttpErrorMapper>.Instance);
        return (new ConnectorHttp(new HttpClient(handler), mapper, "qbo", logger, requestIdHeader), logger);
    }
}
