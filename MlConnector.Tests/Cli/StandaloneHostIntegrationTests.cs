using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Serve;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Cli;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class StandaloneHostIntegrationTests(AzuriteFixture azurite)
{
    private static Task<StandaloneHost> StartAsync(string connectionString, string prefix) =>
        StandaloneHost.StartAsync(
            new ServeSettings("http://127.0.0.1:0", null),
            [],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Storage:TablePrefix"] = prefix,
            }));

    [Fact]
    public async Task GetHealth_StorageReachable_Returns200WithStorageHealthy()
    {
        // Arrange
        await using var host = await StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Act
        using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.False(host.StartedAzurite);
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetHealth_StorageDown_Returns503WithoutLeakingTheConnectionString()
    {
        // Arrange: storage on a port nobody listens on.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var deadStorage = azurite.ConnectionString.Replace($":{azurite.Emulator.TablePort}/", $":{port}/", StringComparison.Ordinal);
        await using var host = await StartAsync(deadStorage, "down");
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        // Act
        using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Unhealthy", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Core.Storage.AzuriteEmulator.AccountKey, text, StringComparison.Ordinal);
    }
}
