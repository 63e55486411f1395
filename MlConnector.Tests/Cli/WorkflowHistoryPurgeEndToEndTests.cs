using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The retention purge through the whole product (real Azurite, the standalone host on the Durable Task Framework, the
/// ShipStation and QBO simulators over loopback): once an order's instances are purged, a redelivered webhook for it runs
/// its workflow again, and the idempotency ledger, not the instance, keeps QBO from being written twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WorkflowHistoryPurgeEndToEndTests
{
    [Fact]
    public async Task Webhook_RedeliveredAfterItsInstancesWerePurged_RunsAgainWithNoSecondQboWrite()
    {
        // Arrange: one order delivered, invoiced and its workflow completed.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var client = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        var order = sandbox.ShipStation.AddOrders([Draft("40001")]);
        var instance = ShipStationQboKeys.OrderInstance(DemoSandbox.ConnectionId, "40001");
        await sandbox.ShipStation.NotifyOrdersAsync(order);
        await sandbox.WaitForIntakeAsync(CancellationToken.None);
        var first = await WorkflowWait.ForAsync(client, instance);
        await WorkflowWait.UntilAsync(async () => (await client.ListAsync(WorkflowRuntimeStatus.Running, DemoSandbox.ConnectionId)).Count == 0
                                                 && (await client.ListAsync(WorkflowRuntimeStatus.Pending, DemoSandbox.ConnectionId)).Count == 0);
        var purged = await client.PurgeCompletedAsync(TimeProvider.System.GetUtcNow().AddSeconds(5), maxInstances: 1000);
        var goneAfterPurge = await client.GetStatusAsync(instance) is null;
        var requestsBefore = sandbox.Qbo.GetRequests().Count;

        // Act: ShipStation delivers the same ORDER_NOTIFY again.
        var redelivered = await sandbox.ShipStation.NotifyOrdersAsync(order);
        await sandbox.WaitForIntakeAsync(CancellationToken.None);
        var second = await WorkflowWait.ForAsync(client, instance);

        // Assert: the instance was gone, the order's workflow ran again and completed, and QBO received no write.
        Assert.Equal(WorkflowRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.True(purged.Instances >= 1, $"Purged {purged}.");
        Assert.True(goneAfterPurge);
        Assert.All(redelivered, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(WorkflowRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.True(second.CreatedUtc > first.CreatedUtc, "The redelivery did not start the order's workflow again.");
        var writes = sandbox.Qbo.GetRequests().Skip(requestsBefore).Where(r => r.Method == "POST" && r.Statement is null).ToList();
        Assert.True(writes.Count == 0, "QBO writes after the purge: " + string.Join(", ", writes.Select(w => w.Path)));
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "40001");
    }

    private static ShipStationOrderDraft Draft(string orderNumber) => new(orderNumber)
    {
        CustomerEmail = "pat@example.com",
        CustomerName = "Pat Lee",
        Items = [new ShipStationOrderItem("MUG-12-WHT", "MUG-12-WHT", 1, 20m)],
        ShippingAmount = 5m,
        RequestedShippingService = "UPS Ground",
    };
}
