using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Resilience;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Resilience;

/// <summary>The connector resilience pipeline on a real HttpClient against a loopback Kestrel peer.</summary>
public sealed class ConnectorResilienceHttpClientBuilderExtensionsTests : IAsyncLifetime
{
    private const string Connector = "vendor";

    private LoopbackVendorServer _server = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _server = await LoopbackVendorServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_GetOn503_RetriesThenSucceeds()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();

        // Act
        using var response = await sut.GetAsync(new Uri("/orders", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsAtLeastTheHeaderBeforeRetrying()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.TooManyRequests, ("Retry-After", "1")).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();

        // Act
        using var response = await sut.GetAsync(new Uri("/orders", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        AssertGapAtLeast(requests[0], requests[1], TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SendAsync_429WithXRateLimitReset_WaitsAtLeastTheResetBeforeRetrying()
    {
        // Arrange (ShipStation V1)
        _server.Enqueue(HttpStatusCode.TooManyRequests, ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "1")).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();

        // Act
        using var response = await sut.GetAsync(new Uri("/shipments", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        AssertGapAtLeast(requests[0], requests[1], TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanMaxDelay_ReturnsThe429WithoutRetrying()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.TooManyRequests, ("Retry-After", "60")).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut(o => o.MaxDelay = TimeSpan.FromSeconds(5));

        // Act
        using var response = await sut.GetAsync(new Uri("/orders", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_PostOn503_IsNotRetried()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();

        // Act
        using var response = await sut.PostAsync(new Uri("/orders/createorder", UriKind.Relative), new StringContent("{}"));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_PatchOn429_IsNotRetried()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.TooManyRequests, ("Retry-After", "0")).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();

        // Act
        using var response = await sut.PatchAsync(new Uri("/invoices/1", UriKind.Relative), new StringContent("{}"));

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_PostMarkedIdempotentOn503_IsRetriedWithTheSameBody()
    {
        // Arrange (a QBO create carrying requestid)
        _server.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/company/123/invoice?requestid=7f1c") { Content = new StringContent("{\"DocNumber\":\"1001\"}") };
        request.MarkIdempotent();

        // Act
        using var response = await sut.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public async Task SendAsync_GetOn400_IsNotRetried()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.BadRequest).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut();

        // Act
        using var response = await sut.GetAsync(new Uri("/orders", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_PersistentFailure_StopsAfterMaxRetryAttempts()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.BadGateway).Enqueue(HttpStatusCode.BadGateway).Enqueue(HttpStatusCode.BadGateway).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut(o => o.MaxRetryAttempts = 2);

        // Act
        using var response = await sut.GetAsync(new Uri("/orders", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ConfigurationSection_OverridesConnectorDefaults()
    {
        // Arrange
        _server.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.OK);
        var sut = CreateSut(settings: new Dictionary<string, string?> { ["Resilience:vendor:MaxRetryAttempts"] = "0" });

        // Act
        using var response = await sut.GetAsync(new Uri("/orders", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void CreateClient_AttemptTimeoutAboveTotalTimeout_FailsValidation()
    {
        // Arrange
        var factory = CreateServices(o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(20);
        }).GetRequiredService<IHttpClientFactory>();

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => factory.CreateClient(Connector));

        // Assert
        Assert.Contains("AttemptTimeout", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertGapAtLeast(ReceivedRequest first, ReceivedRequest second, TimeSpan expected)
    {
        // Both timestamps are taken by the server; Polly's delay starts after the first response left it, so the gap can
        // only be longer. A 20 ms allowance covers timer granularity only.
        var gap = Stopwatch.GetElapsedTime(first.Timestamp, second.Timestamp);
        Assert.True(gap >= expected - TimeSpan.FromMilliseconds(20), $"The retry came {gap.TotalMilliseconds} ms after the first request; the vendor asked for {expected.TotalMilliseconds} ms.");
    }

    private HttpClient CreateSut(Action<ConnectorResilienceOptions>? configure = null, Dictionary<string, string?>? settings = null) =>
        CreateServices(configure, settings).GetRequiredService<IHttpClientFactory>().CreateClient(Connector);

    private ServiceProvider CreateServices(Action<ConnectorResilienceOptions>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddHttpClient(Connector, client => client.BaseAddress = _server.BaseAddress)
            .AddConnectorResilience(Connector, o =>
            {
                o.BaseDelay = TimeSpan.FromMilliseconds(10);
                o.UseJitter = false;
                configure?.Invoke(o);
            });
        _services = services.BuildServiceProvider();
        return _services;
    }
}
