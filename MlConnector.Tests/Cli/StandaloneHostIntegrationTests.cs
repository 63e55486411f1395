using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Serve;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.OAuth;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Cli;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class StandaloneHostIntegrationTests(AzuriteFixture azurite)
{
    internal static Task<StandaloneHost> StartAsync(string connectionString, string prefix, Dictionary<string, string?>? settings = null, int port = 0, string? tokenFile = null, Action<IServiceCollection>? services = null) =>
        StandaloneHost.StartAsync(
            new ServeSettings($"http://127.0.0.1:{port}", null, tokenFile),
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Storage:ConnectionString"] = connectionString,
                    ["Storage:TablePrefix"] = prefix,
                    ["Secrets:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), "mlc-keys-" + prefix),
                }.Concat(settings ?? []).ToDictionary());
                builder.Services.AddSingleton<FlakyVendorFix>().AddWorkflow<FlakyWorkflow>().AddWorkflowActivity<FlakyVendorActivity>().AddWorkflow<RelayWorkflow>();
                services?.Invoke(builder.Services);
            });

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
        var runner = body.RootElement.GetProperty("checks").GetProperty("workflowRunner");
        Assert.Equal("Healthy", runner.GetProperty("status").GetString());
        Assert.Equal(0, runner.GetProperty("data").GetProperty("failedInstances").GetInt32());
        Assert.Equal(0, runner.GetProperty("data").GetProperty("intakePriorityHeldItems").GetInt64());
    }

    [Fact]
    public async Task OperatorApi_CreatePauseAndQueryAudit_RoundTripsOverHttp()
    {
        // Arrange
        await using var host = await StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = OperatorHttp.Create(host);
        var connection = """
            {"id":"acme","kind":"shipstation-qbo","displayName":"Acme",
             "settings":{"shipstation":{"apiVersion":"v1"},"qbo":{"realmId":"9130357766900456"}},
             "mappings":{"sku":{"TENT-2P":"21"}},"schedules":{"reconcile":"*/15 * * * *"}}
            """;
        var invalid = """{"id":"bad","kind":"shipstation-qbo","settings":{"qbo":{"realmId":"12-34","apiSecret":"s3cr3t"}}}""";

        // Act
        using var created = await http.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(connection, Encoding.UTF8, "application/json"));
        using var rejected = await http.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(invalid, Encoding.UTF8, "application/json"));
        using var paused = await http.PostAsync(new Uri("api/connections/acme/pause?reason=month-end", UriKind.Relative), OperatorHttp.Json());
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
    public async Task OAuthConnect_MerchantConsents_TokensStoredAndRealmRoutesToConnection()
    {
        // Arrange: an Intuit-like authorization server on loopback, and ml-connector configured as its client.
        await using var idp = await OAuthServerSimulator.StartAsync();
        idp.RegisterClient("mlc-client", "client-secret-value");
        var prefix = azurite.NewPrefix();
        var port = AzuriteFixture.DeadPort();
        await using var host = await StartAsync(azurite.ConnectionString, prefix, port: port, settings: new()
        {
            ["OAuth:Providers:qbo:RedirectUri"] = $"http://127.0.0.1:{port}/api/oauth/qbo/callback",
            ["OAuth:Providers:qbo:AuthorizeEndpoint"] = idp.AuthorizeEndpoint.ToString(),
            ["OAuth:Providers:qbo:TokenEndpoint"] = idp.TokenEndpoint.ToString(),
            ["OAuth:Providers:qbo:ClientId"] = "mlc-client",
            ["OAuth:Providers:qbo:ClientSecretName"] = "qbo-client-secret",
            ["OAuth:Providers:qbo:Scopes:0"] = "com.intuit.quickbooks.accounting",
        });
        await host.Services.GetRequiredService<Core.Secrets.ISecretStore>().SetAsync("qbo-client-secret", "client-secret-value");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { BaseAddress = host.BaseAddress };
        using var operatorHttp = OperatorHttp.Create(host);
        var connection = """{"id":"acme","kind":"qbo-ups","settings":{"qbo":{"expenseAccountId":"80"},"ups":{"environment":"cie"}}}""";
        (await operatorHttp.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(connection, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        // Act: connect → consent page (auto-approves) → callback.
        using var done = await http.GetAsync(new Uri("api/oauth/qbo/connect/acme", UriKind.Relative));
        using var replayed = await http.GetAsync(new Uri("api/oauth/qbo/callback?code=stolen&state=acme.forged", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("now connected", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        var store = host.Services.GetRequiredService<Core.Connections.IConnectionStore>();
        var routed = Assert.Single(await store.FindByRoutingKeyAsync("qbo", (await store.GetAsync("acme"))!.GetSetting("qbo", "realmId")!));
        Assert.Equal("acme", routed.Id);
        var tokens = await host.Services.GetRequiredService<Core.Auth.IOAuthTokenManager>().GetAccessTokenAsync("acme", "qbo");
        Assert.True(idp.IsAccessTokenValid(tokens));
    }

    [Fact]
    public async Task OperatorApi_FailedWorkflow_IsVisibleInHealthAndSucceedsOnReplayAfterFix()
    {
        // Arrange
        await using var host = await StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = OperatorHttp.Create(host);
        var client = host.Services.GetRequiredService<IWorkflowClient>();
        var instanceId = WorkflowInstanceId.For("shipstation-qbo", "acme", "order:1001");
        await client.StartAsync(nameof(FlakyWorkflow), instanceId, "1001");
        await WorkflowWait.ForAsync(client, instanceId, WorkflowRuntimeStatus.Failed);

        // Act
        using var failedList = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/workflows?status=Failed&connectionId=acme", UriKind.Relative)));
        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/health", UriKind.Relative)));
        host.Services.GetRequiredService<FlakyVendorFix>().IsFixed = true;
        using var replay = await http.PostAsync(new Uri($"api/workflows/{Uri.EscapeDataString(instanceId)}/replay", UriKind.Relative), OperatorHttp.Json());
        using var replayBody = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        var replayId = replayBody.RootElement.GetProperty("instanceId").GetString()!;
        var replayed = await WorkflowWait.ForAsync(client, replayId, WorkflowRuntimeStatus.Completed);
        using var healthAfter = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/health", UriKind.Relative)));

        // Assert
        var failed = Assert.Single(failedList.RootElement.EnumerateArray());
        Assert.Contains("WIDGET-9", failed.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Validation", failed.GetProperty("failure").GetProperty("kind").GetString());
        var runner = health.RootElement.GetProperty("checks").GetProperty("workflowRunner");
        Assert.Equal("Degraded", runner.GetProperty("status").GetString());
        Assert.Equal(1, runner.GetProperty("data").GetProperty("failedInstances").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("\"INV-1001\"", replayed.SerializedOutput);
        Assert.Equal("Healthy", healthAfter.RootElement.GetProperty("checks").GetProperty("workflowRunner").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ContinueAsNew_EventRaisedButNotYetTaken_ReachesTheNextRunOnTheTaskHub()
    {
        // Arrange: the first run holds on a timer while both events arrive; it takes one and continues as new.
        await using var host = await StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        var client = host.Services.GetRequiredService<IWorkflowClient>();
        const string instanceId = "tests:continue-as-new:events";
        await client.StartAsync(nameof(RelayWorkflow), instanceId, new RelayInput([]));
        await WorkflowWait.UntilAsync(async () => (await client.GetStatusAsync(instanceId))?.SerializedCustomStatus?.Contains("holding", StringComparison.Ordinal) == true);

        // Act
        await client.RaiseEventAsync(instanceId, RelayWorkflow.EventName, "first");
        await client.RaiseEventAsync(instanceId, RelayWorkflow.EventName, "second");
        var done = await WorkflowWait.ForAsync(client, instanceId);

        // Assert: the adapter re-sent the buffered event to the next run. (The in-process Durable engine the Functions
        // tests use, InProcessTestHost 0.2.3-preview.1, drops events an orchestration sends itself while continuing as
        // new, fixed upstream in durabletask-dotnet#708, so the Functions adapter's preserveUnprocessedEvents is checked
        // under Moq in DurableWorkflowContextTests.)
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("""["first","second"]""", done.SerializedOutput);
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
