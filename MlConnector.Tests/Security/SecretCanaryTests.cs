using System.Collections;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Cli.Serve;
using MlConnector.Core.Auth;
using MlConnector.Core.Secrets;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.OAuth;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Security;

/// <summary>
/// Plants canary secrets, runs real work that uses them and fails (a vendor that refuses the credential and echoes
/// it back, an OAuth consent and token refresh), then searches every log record, every row of every table, the
/// workflow's input, output and failure, and the exception messages for the canaries in plain and Base64 form.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class SecretCanaryTests(AzuriteFixture azurite)
{
    private static readonly string ApiSecretCanary = "CANARY-api-" + Guid.NewGuid().ToString("N");
    private static readonly string ClientSecretCanary = "CANARY-client-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Secrets_NeverAppearInLogsAuditRowsWorkflowStateOrExceptions()
    {
        // Arrange: a vendor that answers 401 and echoes the Authorization header it got (the worst case).
        await using var vendor = await EchoingVendor.StartAsync();
        await using var idp = await OAuthServerSimulator.StartAsync();
        idp.RegisterClient("mlc-client", ClientSecretCanary);
        var logs = new FakeLogCollector();
        var prefix = azurite.NewPrefix();
        var port = AzuriteFixture.DeadPort();
        await using var host = await StandaloneHost.StartAsync(
            new ServeSettings($"http://127.0.0.1:{port}", null),
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Storage:ConnectionString"] = azurite.ConnectionString,
                    ["Storage:TablePrefix"] = prefix,
                    ["Secrets:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), "mlc-keys-" + prefix),
                    ["OAuth:Providers:qbo:AuthorizeEndpoint"] = idp.AuthorizeEndpoint.ToString(),
                    ["OAuth:Providers:qbo:TokenEndpoint"] = idp.TokenEndpoint.ToString(),
                    ["OAuth:Providers:qbo:RedirectUri"] = $"http://127.0.0.1:{port}/api/oauth/qbo/callback",
                    ["OAuth:Providers:qbo:ClientId"] = "mlc-client",
                    ["OAuth:Providers:qbo:ClientSecretName"] = "qbo-client-secret",
                });
                // Everything, HTTP client internals included, at Trace: a leak at any level is a leak.
                builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFilter<FakeLoggerProvider>(null, LogLevel.Trace).AddFilter<FakeLoggerProvider>("System.Net.Http.HttpClient", LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs));
                builder.Services.AddWorkflow<CanaryWorkflow>().AddWorkflowActivity<CanaryVendorCallActivity>();
            });
        var secrets = host.Services.GetRequiredService<ISecretStore>();
        await secrets.SetAsync(SecretName.For("acme", "shipstation-api-secret"), ApiSecretCanary);
        await secrets.SetAsync("qbo-client-secret", ClientSecretCanary);
        using var http = OperatorHttp.Create(host);
        var connection = """{"id":"acme","kind":"shipstation-qbo","settings":{"shipstation":{"apiVersion":"v1"}}}""";
        (await http.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(connection, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        // Act 1: a workflow whose activity uses the API secret and is refused.
        var client = host.Services.GetRequiredService<IWorkflowClient>();
        var instanceId = WorkflowInstanceId.For("shipstation-qbo", "acme", "order:1001");
        await client.StartAsync(nameof(CanaryWorkflow), instanceId, new CanaryInput("acme", "1001", vendor.Url));
        var status = await WorkflowWait.ForAsync(client, instanceId);

        // Act 2: OAuth consent and a token read, using the client secret.
        (await http.GetAsync(new Uri("api/oauth/qbo/connect/acme", UriKind.Relative))).EnsureSuccessStatusCode();
        var accessToken = await host.Services.GetRequiredService<IOAuthTokenManager>().GetAccessTokenAsync("acme", "qbo");

        // Assert: the work really used the secrets…
        Assert.Contains(vendor.ReceivedAuthorizations, a => a.Contains(Base64("key:" + ApiSecretCanary), StringComparison.Ordinal));
        Assert.True(idp.IsAccessTokenValid(accessToken));
        Assert.Equal(WorkflowRuntimeStatus.Failed, status.RuntimeStatus);

        // …and nothing kept them.
        var haystacks = new List<(string Where, string Text)>();
        haystacks.AddRange(logs.GetSnapshot().Select(r => ($"log {r.Category}/{r.Id.Name}", $"{r.Message} {r.Exception} {Flatten(r.State)}")));
        haystacks.Add(("workflow status", JsonSerializer.Serialize(status)));
        haystacks.AddRange(await ReadAllTablesAsync(prefix));
        Assert.Contains(haystacks, h => h.Where.StartsWith("table", StringComparison.Ordinal) && h.Where.Contains("Audit", StringComparison.Ordinal));
        // The workflow task hub's history and instance tables (Durable Task Framework, named after the hub).
        Assert.Contains(haystacks, h => h.Where.StartsWith("table", StringComparison.Ordinal) && h.Where.Contains("hubHistory", StringComparison.Ordinal));
        Assert.Contains(haystacks, h => h.Where.StartsWith("table", StringComparison.Ordinal) && h.Where.Contains("hubInstances", StringComparison.Ordinal));
        foreach (var canary in new[] { ApiSecretCanary, ClientSecretCanary, accessToken, Base64("key:" + ApiSecretCanary), Base64("mlc-client:" + ClientSecretCanary) })
        {
            var leaks = haystacks.Where(h => h.Text.Contains(canary, StringComparison.Ordinal)).Select(h => h.Where).ToList();
            Assert.True(leaks.Count == 0, $"A secret leaked into: {string.Join(", ", leaks)}");
        }
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string Flatten(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
        ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
        : state?.ToString() ?? string.Empty;

    private async Task<List<(string Where, string Text)>> ReadAllTablesAsync(string prefix)
    {
        var rows = new List<(string, string)>();
        await foreach (var table in azurite.TableService.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            await foreach (var entity in azurite.TableService.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join(";", entity.Select(kv => $"{kv.Key}={(kv.Value is byte[] bytes ? Convert.ToBase64String(bytes) : kv.Value)}"));
                rows.Add(($"table {table.Name} {entity.PartitionKey}/{entity.RowKey}", text));
            }
        }

        return rows;
    }

    private sealed class EchoingVendor : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private EchoingVendor(WebApplication app) => _app = app;

        public List<string> ReceivedAuthorizations { get; } = [];

        public Uri Url => new(_app.Urls.First() + "/orders");

        public static async Task<EchoingVendor> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var vendor = new EchoingVendor(app);
            app.MapGet("/orders", (HttpRequest request) =>
            {
                var authorization = request.Headers.Authorization.ToString();
                lock (vendor.ReceivedAuthorizations)
                {
                    vendor.ReceivedAuthorizations.Add(authorization);
                }

                return Results.Json(new { message = "Unauthorized", received = authorization }, statusCode: StatusCodes.Status401Unauthorized);
            });
            await app.StartAsync();
            return vendor;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
