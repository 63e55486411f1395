using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Resilience;

public sealed class ResilienceServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddConnectorResilienceCore_RegistersSharedRegistryAndMapperAndTransientHandler()
    {
        // Arrange
        await using var sut = CreateSut();

        // Act
        var registry = sut.GetRequiredService<RateGovernorRegistry>();
        var mapper = sut.GetRequiredService<HttpErrorMapper>();
        var handler = sut.GetRequiredService<RateGovernorHandler>();

        // Assert
        Assert.Same(registry, sut.GetRequiredService<RateGovernorRegistry>());
        Assert.Same(mapper, sut.GetRequiredService<HttpErrorMapper>());
        Assert.NotSame(handler, sut.GetRequiredService<RateGovernorHandler>());
        handler.Dispose();
    }

    [Fact]
    public async Task TypedClientChain_VendorReportsBudgetGone_RetriesAndPausesTheKey()
    {
        // Arrange (ShipStation V1 over a loopback peer: a 503, then a success that used the last permit)
        await using var server = await LoopbackVendorServer.StartAsync();
        server.Enqueue(HttpStatusCode.ServiceUnavailable)
            .Enqueue(HttpStatusCode.OK, ("X-Rate-Limit-Limit", "40"), ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "45"));
        var services = new ServiceCollection().AddConnectorResilienceCore();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHttpClient("shipstation", c => c.BaseAddress = server.BaseAddress)
            .AddConnectorResilience("shipstation", o => o.BaseDelay = TimeSpan.FromMilliseconds(10))
            .AddHttpMessageHandler<RateGovernorHandler>();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("shipstation");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders").SetRateLimitKey("shipstation", "connection-17");

        // Act
        using var response = await client.SendAsync(request);
        await response.EnsureSuccessAsync(provider.GetRequiredService<HttpErrorMapper>(), "shipstation");

        // Assert
        Assert.Equal(2, server.Requests.Count);
        var governor = provider.GetRequiredService<RateGovernorRegistry>().GetGovernor("shipstation", "connection-17");
        Assert.NotNull(governor.PausedUntil);
        Assert.Null(provider.GetRequiredService<RateGovernorRegistry>().GetGovernor("shipstation", "connection-18").PausedUntil);
    }

    private static ServiceProvider CreateSut() => new ServiceCollection().AddConnectorResilienceCore().BuildServiceProvider();
}
