using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Failures;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

/// <summary>
/// A shipment whose order failed does not retry for hours: it is parked at once as a visible failure that names the order,
/// and goes through when replayed after the order. The standalone host on real Azurite and the Durable Task Framework,
/// the ShipStation and QBO simulators over loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QboApplyShipmentParkingIntegrationTests
{
    [Fact]
    public async Task ShipmentWorkflow_OrderFailedValidation_ParkedNamingTheOrderThenAppliedWhenReplayedAfterIt()
    {
        // Arrange: the order fails (an unmapped SKU); then it ships, and its shipment workflow starts.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var triage = services.GetRequiredService<FailureTriage>();
        var connectionId = DemoSandbox.ConnectionId;
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("63001", "GRINDER-X")]));
        var order = ShipStationQboKeys.OrderInstance(connectionId, "63001");
        await WorkflowWait.ForAsync(client, order, WorkflowRuntimeStatus.Failed);
        var shipment = sandbox.ShipStation.ShipOrder("63001", "ups", "ups_ground", "1Z999AA10000063001", 8.25m);
        var reference = await services.GetRequiredService<ShipStationSnapshotStore>().SaveShipmentAsync(connectionId, shipment);
        var instance = ShipStationQboKeys.ShipmentUpdateInstance(reference);

        // Act 1
        await client.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), instance, reference);
        var parked = await WorkflowWait.ForAsync(client, instance);

        // Assert 1: failed on its first attempt (no retry can create the invoice), listed with what to fix naming the order.
        Assert.Equal(WorkflowRuntimeStatus.Failed, parked.RuntimeStatus);
        var failure = Assert.Single(await triage.ListAsync(connectionId), f => f.Id == instance);
        Assert.Equal(nameof(ErrorKind.NotFound), failure.ErrorKind);
        Assert.Contains($"Order 63001 has no QBO invoice because its own sync failed (Validation; failure {order})", failure.WhatToFix, StringComparison.Ordinal);
        Assert.Contains("replay the order first, then replay this shipment", failure.WhatToFix, StringComparison.Ordinal);

        // Act 2: the merchant maps the SKU; the order is replayed, then the shipment.
        await services.GetRequiredService<IConnectionStore>().ChangeAsync(connectionId, c =>
        {
            var mappings = c.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value);
            mappings[ShipStationQboNames.SkuMapping] = new Dictionary<string, string>(mappings[ShipStationQboNames.SkuMapping]) { ["GRINDER-X"] = "9" };
            return c with { Mappings = mappings };
        });
        await triage.ReplayAsync([order], "test");
        await WorkflowWait.ForAsync(client, order + ":r1", WorkflowRuntimeStatus.Completed);
        await triage.ReplayAsync([instance], "test");
        var applied = await WorkflowWait.ForAsync(client, instance + ":r1");

        // Assert 2: one invoice, carrying the tracking number.
        Assert.Equal(WorkflowRuntimeStatus.Completed, applied.RuntimeStatus);
        var invoice = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "63001");
        Assert.Equal("1Z999AA10000063001", (string?)invoice["TrackingNum"]);
    }

    [Fact]
    public async Task ShipmentWorkflow_OrderChunkFailedAsAWhole_ParkedNamingTheChunkThenAppliedWhenReplayedAfterIt()
    {
        // Arrange: the chunk invoicing the order fails as a whole (QBO refuses its first read with a ValidationFault): its
        // claims are released and no per-order workflow exists. Then the order ships, and its shipment workflow starts.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var triage = services.GetRequiredService<FailureTriage>();
        var connectionId = DemoSandbox.ConnectionId;
        sandbox.Qbo.FailNextRequest(new QboSimulatorFault(400, "ValidationFault", "2500", "Invalid Reference Id", "Something you're trying to use has been made inactive."));
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("63101")]));
        var chunk = await WaitForChunkFailureAsync(triage, connectionId);
        Assert.Null(await client.GetStatusAsync(ShipStationQboKeys.OrderInstance(connectionId, "63101")));
        var shipment = sandbox.ShipStation.ShipOrder("63101", "ups", "ups_ground", "1Z999AA10000063101", 8.25m);
        var reference = await services.GetRequiredService<ShipStationSnapshotStore>().SaveShipmentAsync(connectionId, shipment);
        var instance = ShipStationQboKeys.ShipmentUpdateInstance(reference);

        // Act 1
        await client.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), instance, reference);
        var parked = await WorkflowWait.ForAsync(client, instance);

        // Assert 1: failed on its first attempt, listed with what to fix naming the order and the chunk's failure.
        Assert.Equal(WorkflowRuntimeStatus.Failed, parked.RuntimeStatus);
        var failure = Assert.Single(await triage.ListAsync(connectionId), f => f.Id == instance);
        Assert.Equal(nameof(ErrorKind.NotFound), failure.ErrorKind);
        Assert.Contains($"Order 63101 has no QBO invoice because the batch that was invoicing it failed as a whole (Validation; failure {chunk.Id})", failure.WhatToFix, StringComparison.Ordinal);
        Assert.Contains("replay that batch (it invoices the order) first, then replay this shipment", failure.WhatToFix, StringComparison.Ordinal);

        // Act 2: the chunk is replayed (QBO answers now), then the shipment.
        await triage.ReplayAsync([chunk.Id], "test");
        await WorkflowWait.ForAsync(client, chunk.Id + ":r1", WorkflowRuntimeStatus.Completed);
        await triage.ReplayAsync([instance], "test");
        var applied = await WorkflowWait.ForAsync(client, instance + ":r1");

        // Assert 2: one invoice, carrying the tracking number.
        Assert.Equal(WorkflowRuntimeStatus.Completed, applied.RuntimeStatus);
        var invoice = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "63101");
        Assert.Equal("1Z999AA10000063101", (string?)invoice["TrackingNum"]);
    }

    private static async Task<FailureRecord> WaitForChunkFailureAsync(FailureTriage triage, string connectionId)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(3);
        while (true)
        {
            if ((await triage.ListAsync(connectionId)).FirstOrDefault(f => f.Workflow == nameof(ShipStationOrderChunkToQboWorkflow)) is { } found)
            {
                return found;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"No order chunk failed on {connectionId} within 3 minutes.");
            await Task.Delay(200);
        }
    }
}
