using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Chaos;
using MlConnector.Cli.Demo;
using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The webhook intake survives a crash between its answer and its dispatch: a real <c>mlconnector serve</c> process whose
/// dispatcher is held (<c>Intake:DispatchDelay</c>) acknowledges a ShipStation ORDER_NOTIFY, is killed with SIGKILL before
/// dispatching it, and a restarted process dispatches it exactly once: one workflow, one invoice.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class IntakeKillTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ServeKilledAfterTheAckBeforeTheDispatch_RestartedServeDispatchesTheDeliveryExactlyOnce()
    {
        // Arrange: the demo sandbox on the shared Azurite, set up through an in-process host that then stops; a serve
        // process with its dispatcher held takes its port (ShipStation's webhooks point there).
        var prefix = azurite.NewPrefix();
        await using var sandbox = await SharedAzuriteDemo.StartAsync(azurite, prefix);
        var settings = ServeProcess.SettingsOf(sandbox.Host.Services.GetRequiredService<IConfiguration>());
        var audit = sandbox.Host.Services.GetRequiredService<IAuditTrail>();
        var port = sandbox.Host.BaseAddress.Port;
        await sandbox.Host.DisposeAsync();
        var held = await ServeProcess.StartAsync(port, new Dictionary<string, string?>(settings) { ["Intake:DispatchDelay"] = "01:00:00" }, assemblyPath: CliProcess.AssemblyPath);
        await using var heldLifetime = held;
        var order = DemoOrderGenerator.Generate(1, badOrderIndex: -1, TimeProvider.System.GetUtcNow().AddHours(-1))[0];
        var deliveries = new QueueClient(azurite.ConnectionString, prefix.ToLowerInvariant() + "-intake", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        // Act: the delivery is acknowledged and recorded, not dispatched; the process dies; another one starts.
        var results = await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([DemoRunner.ToDraft(order)]), ShipStationWebhookDelivery.Once);
        var recorded = (await deliveries.PeekMessagesAsync(32)).Value.Length;
        var instancesBeforeKill = await CountInstancesAsync(held);
        held.Kill();
        await using var restarted = await ServeProcess.StartAsync(LoopbackPort.FindFree(), settings, assemblyPath: CliProcess.AssemblyPath);
        await WorkflowWait.UntilAsync(() => Task.FromResult(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Count >= 1), TimeSpan.FromMinutes(2));
        await WorkflowWait.UntilAsync(async () => (await deliveries.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);

        // Assert
        Assert.Equal(200, Assert.Single(results).StatusCode);
        Assert.Equal(1, recorded);
        Assert.Equal(0, instancesBeforeKill);
        Assert.True(held.HasExited);
        Assert.Equal(order.OrderNumber, (string?)Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"))["DocNumber"]);
        var now = TimeProvider.System.GetUtcNow();
        var receipts = await audit.QueryAsync(new AuditQuery(DemoSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = "shipstation.webhook.receive" });
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(receipts).Outcome);
        var poison = new QueueClient(azurite.ConnectionString, prefix.ToLowerInvariant() + "-intake-poison");
        Assert.False(await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length > 0);
    }

    private static async Task<int> CountInstancesAsync(ServeProcess host)
    {
        using var http = OperatorHttp.Create(host.BaseAddress, host.OperatorToken);
        using var list = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/workflows?connectionId={DemoSandbox.ConnectionId}", UriKind.Relative)));
        return list.RootElement.GetArrayLength();
    }
}
