using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Failures;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Health;

/// <summary>
/// Connection test and per-connection health through the standalone host's operator API: real Azurite, the Durable Task
/// Framework, and the QBO, ShipStation and OAuth simulators over loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ConnectionChecksIntegrationTests
{
    [Fact]
    public async Task Test_WrongShipStationSecret_ReportsTheCredentialFailureWithItsFixAndQboPasses()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var connectionId = DemoSandbox.ConnectionId;
        const string Wrong = "not-the-shipstation-secret-9f3c";
        await sandbox.Host.Services.GetRequiredService<ISecretStore>().SetAsync(SecretName.For(connectionId, ShipStationClient.ApiSecretSecret), Wrong);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);

        // Act
        using var response = await http.PostAsync(new Uri($"api/connections/{connectionId}/test", UriKind.Relative), OperatorHttp.Json());
        var text = await response.Content.ReadAsStringAsync();
        using var report = JsonDocument.Parse(text);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(connectionId, report.RootElement.GetProperty("connectionId").GetString());
        Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var credentials = Assert.Single(checks, c => c.GetProperty("system").GetString() == "shipstation");
        Assert.Equal("credentials", credentials.GetProperty("check").GetString());
        Assert.False(credentials.GetProperty("ok").GetBoolean());
        Assert.Contains($"mlconnector secrets set {connectionId} {ShipStationClient.ApiKeySecret}", credentials.GetProperty("fix").GetString(), StringComparison.Ordinal);
        var qbo = checks.Where(c => c.GetProperty("system").GetString() == "qbo").ToList();
        Assert.Equal(["consent", "credentials", "rate-limit"], qbo.Select(c => c.GetProperty("check").GetString()));
        Assert.All(qbo, c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        Assert.Contains(sandbox.RealmId, qbo[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_GoodCredentials_ReportsRateHeadroomFromShipStationsHeadersAndTheWebhookState()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);

        // Act
        using var response = await http.PostAsync(new Uri($"api/connections/{DemoSandbox.ConnectionId}/test", UriKind.Relative), OperatorHttp.Json());
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var shipStation = report.RootElement.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("system").GetString() == "shipstation").ToDictionary(c => c.GetProperty("check").GetString()!);
        Assert.True(shipStation["credentials"].GetProperty("ok").GetBoolean());
        Assert.Matches(@"^\d+ of 40 requests left in the current window\.$", shipStation["rate-limit"].GetProperty("detail").GetString());
        Assert.True(shipStation.ContainsKey("webhooks"));
        Assert.Equal(shipStation["webhooks"].GetProperty("ok").GetBoolean(), shipStation["webhooks"].GetProperty("fix").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined);
    }

    [Fact]
    public async Task Test_QboUpsConnection_GetsAUpsTokenAndValidatesAnAddress()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);

        // Act
        using var response = await http.PostAsync(new Uri($"api/connections/{DemoSandbox.QboUpsConnectionId}/test", UriKind.Relative), OperatorHttp.Json());
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["qbo", "ups"], checks.Select(c => c.GetProperty("system").GetString()).Distinct().Order(StringComparer.Ordinal));
        var ups = checks.Where(c => c.GetProperty("system").GetString() == "ups").ToDictionary(c => c.GetProperty("check").GetString()!);
        Assert.True(ups["credentials"].GetProperty("ok").GetBoolean(), ups["credentials"].ToString());
        Assert.StartsWith("Got a token and validated an address", ups["credentials"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(ups["webhooks"].GetProperty("ok").GetBoolean(), ups["webhooks"].ToString());
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean(), report.RootElement.ToString());
    }

    [Fact]
    public async Task Health_FailedOrder_ShowsTheFailureWithWhatToFixLastSyncPerFlowAndApiHealthDetail()
    {
        // Arrange: one good order, one with an unmapped SKU.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var client = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        var connectionId = DemoSandbox.ConnectionId;
        // One notification per order: a single-order page takes the per-order workflow (a page of 2+ goes through the batch path).
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("60001")]));
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("60002", "GRINDER-X")]));
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderInstance(connectionId, "60001"), WorkflowRuntimeStatus.Completed);
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderInstance(connectionId, "60002"), WorkflowRuntimeStatus.Failed);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);

        // Act
        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/connections/{connectionId}/health", UriKind.Relative)));
        using var app = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/health", UriKind.Relative)));
        using var unknown = await http.GetAsync(new Uri("api/connections/nobody/health", UriKind.Relative));

        // Assert
        var root = health.RootElement;
        Assert.Equal(("attention", false), (root.GetProperty("status").GetString(), root.GetProperty("paused").GetBoolean()));
        var failures = root.GetProperty("openFailures");
        Assert.Equal(1, failures.GetProperty("total").GetInt32());
        Assert.Equal(1, failures.GetProperty("byWhoFixes").GetProperty(FailureOwner.MerchantData).GetInt32());
        Assert.Equal(1, failures.GetProperty("byErrorKind").GetProperty("Validation").GetInt32());
        Assert.Contains("GRINDER-X", failures.GetProperty("newest")[0].GetProperty("whatToFix").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("flows").EnumerateArray(), f => f.GetProperty("workflow").GetString() == "ShipStationOrderToQboInvoiceWorkflow");
        Assert.Equal(JsonValueKind.String, root.GetProperty("lastWebhookUtc").ValueKind);
        Assert.Contains(root.GetProperty("tokens").EnumerateArray(), t => t.GetProperty("provider").GetString() == "qbo" && t.GetProperty("status").GetString() == "Healthy");
        var detail = app.RootElement.GetProperty("checks").GetProperty("connections");
        Assert.Equal("Degraded", detail.GetProperty("status").GetString());
        Assert.Equal(1, detail.GetProperty("data").GetProperty(connectionId).GetProperty("openFailures").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
