using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Hosting;
using MlConnector.Functions.Http;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Http;

[Collection(AzuriteCollection.Name)]
public class HealthHttpTests(AzuriteFixture azurite)
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task RunAsync_StorageReachable_Returns200HealthyReport()
    {
        // Arrange: the real Core registrations against the real Azurite.
        using var services = CreateCoreServices(azurite.ConnectionString);
        var sut = CreateSut(services);
        var http = CreateHttpContext();

        // Act
        var result = await sut.RunAsync(http.Request, CancellationToken.None);

        // Assert
        Assert.IsType<EmptyResult>(result);
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
        using var json = JsonDocument.Parse(ReadBody(http));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_CheckUnhealthy_Returns503WithTheFailingCheck()
    {
        // Arrange
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddCheck("storage", () => HealthCheckResult.Unhealthy("Table service answered 403 AuthorizationFailure."));
        using var provider = services.BuildServiceProvider();
        var sut = CreateSut(provider);
        var http = CreateHttpContext();

        // Act
        await sut.RunAsync(http.Request, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        using var json = JsonDocument.Parse(ReadBody(http));
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var storage = json.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
        Assert.Equal("Table service answered 403 AuthorizationFailure.", storage.GetProperty("description").GetString());
    }

    private static HealthHttp CreateSut(ServiceProvider services) => new(services.GetRequiredService<HealthCheckService>());

    private static ServiceProvider CreateCoreServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Storage:TablePrefix"] = "health",
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddMlConnectorCore(configuration)
            .BuildServiceProvider();
    }

    private static DefaultHttpContext CreateHttpContext() => new() { Response = { Body = new MemoryStream() } };

    private static string ReadBody(HttpContext http)
    {
        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
