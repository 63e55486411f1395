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
    public async Task OperatorApi_CreatePauseAndQueryAudit_RoundTripsOverHttp()
    {
        // Arrange
        await using var host = await StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var connection = """
            {"id":"acme","kind":"shipstation-qbo","displayName":"Acme",
             "settings":{"shipstation":{"apiVersion":"v1"},"qbo":{"realmId":"9130357766900456"}},
             "mappings":{"sku":{"TENT-2P":"21"}},"schedules":{"reconcile":"*/15 * * * *"}}
            """;
        var invalid = """{"id":"bad","kind":"shipstation-qbo","settings":{"qbo":{"realmId":"12-34","apiSecret":"s3cr3t"}}}""";

        // Act
        using var created = await http.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(connection, Encoding.UTF8, "application/json"));
        using var rejected = await http.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(invalid, Encoding.UTF8, "application/json"));
        using var paused = await http.PostAsync(new Uri("api/connections/acme/pause?reason=month-end", UriKind.Relative), null);
        using var listed = await http.GetAsync(new Uri("api/connections?kind=shipstation-qbo", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("api/connections/nope", UriKind.Relative));
        using var badAudit = await http.GetAsync(new Uri("api/connections/acme/audit?outcome=Exploded", UriKind.Relative));
        using var audit = await http.GetAsync(new Uri("api/connections/acme/audit", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var rejectedText = await rejected.Content.ReadAsStringAsync();
        Assert.Contains("settings.qbo.realmId", rejectedText, StringComparison.Ordinal);
        Assert.Contains("settings.qbo.apiSecret", rejectedText, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", rejectedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        using var list = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var only = Assert.Single(list.RootElement.EnumerateArray());
        Assert.True(only.GetProperty("paused").GetBoolean());
        Assert.Equal("month-end", only.GetProperty("pausedReason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAudit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task GetHealth_StorageDown_Returns503WithoutLeakingTheConnectionString()
    {
        // Arrange: storage on a port nobody listens on.
        var deadStorage = azurite.UnreachableConnectionString();
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
