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
        // Arrange: the order fails (an unmapped SKU).
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var connectionId = DemoSandbox.ConnectionId;
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("63001", "GRINDER-X")]));
        var order = ShipStationQboKeys.OrderInstance(connectionId, "63001");
        await WorkflowWait.ForAsync(services.GetRequiredService<IWorkflowClient>(), order, WorkflowRuntimeStatus.Failed);

        // Act 1 / Assert 1: it ships; its shipment fails on its first attempt, with what to fix naming the order.
        var (instance, failure) = await ShipAndParkAsync(sandbox, "63001");
        Assert.Contains($"Order 63001 has no QBO invoice because its own sync failed (Validation; failure {order})", failure.WhatToFix, StringComparison.Ordinal);
        Assert.Contains("replay the order first, then replay this shipment", failure.WhatToFix, StringComparison.Ordinal);

        // Act 2 / Assert 2: the merchant maps the SKU; the order is replayed, then the shipment: one invoice, carrying the
        // tracking number.
        await services.GetRequiredService<IConnectionStore>().ChangeAsync(connectionId, c =>
        {
            var mappings = c.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value);
            mappings[ShipStationQboNames.SkuMapping] = new Dictionary<string, string>(mappings[ShipStationQboNames.SkuMapping]) { ["GRINDER-X"] = "9" };
            return c with { Mappings = mappings };
        });
        await ReplayThenAssertAppliedAsync(sandbox, order, instance, "63001");
    }

    [Fact]
    public async Task ShipmentWorkflow_OrderChunkFailedAsAWhole_ParkedNamingTheChunkThenAppliedWhenReplayedAfterIt()
    {
        // Arrange: a page of two orders is invoiced by one chunk, which fails as a whole (QBO refuses its first read with a
        // ValidationFault): its claims are released and no per-order workflow exists.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var connectionId = DemoSandbox.ConnectionId;
        sandbox.Qbo.FailNextRequest(new QboSimulatorFault(400, "ValidationFault", "2500", "Invalid Reference Id", "Something you're trying to use has been made inactive."));
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("63101"), OrderDrafts.Draft("63102")]));
        var chunk = await WaitForChunkFailureAsync(services.GetRequiredService<FailureTriage>(), connectionId);
        Assert.Null(await services.GetRequiredService<IWorkflowClient>().GetStatusAsync(ShipStationQboKeys.OrderInstance(connectionId, "63101")));

        // Act 1 / Assert 1: an order of the chunk ships; its shipment fails on its first attempt, with what to fix naming the
        // order and the chunk's failure.
        var (instance, failure) = await ShipAndParkAsync(sandbox, "63101");
        Assert.Contains($"Order 63101 has no QBO invoice because the batch that was invoicing it failed as a whole (Validation; failure {chunk.Id})", failure.WhatToFix, StringComparison.Ordinal);
        Assert.Contains("replay that batch (it invoices the order) first, then replay this shipment", failure.WhatToFix, StringComparison.Ordinal);

        // Act 2 / Assert 2: the chunk is replayed (QBO answers now), then the shipment: one invoice, carrying the tracking number.
        await ReplayThenAssertAppliedAsync(sandbox, chunk.Id, instance, "63101");
    }

    /// <summary>Ships the order, starts its shipment workflow and checks that it failed at once as NotFound, in the failure queue.</summary>
    private static async Task<(string Instance, FailureRecord Failure)> ShipAndParkAsync(DemoSandbox sandbox, string orderNumber)
    {
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var shipment = sandbox.ShipStation.ShipOrder(orderNumber, "ups", "ups_ground", "1Z999AA100000" + orderNumber, 8.25m);
        var reference = await services.GetRequiredService<ShipStationSnapshotStore>().SaveShipmentAsync(DemoSandbox.ConnectionId, shipment);
        var instance = ShipStationQboKeys.ShipmentUpdateInstance(reference);
        await client.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), instance, reference);
        var parked = await WorkflowWait.ForAsync(client, instance);
        Assert.Equal(WorkflowRuntimeStatus.Failed, parked.RuntimeStatus);
        var failure = Assert.Single(await services.GetRequiredService<FailureTriage>().ListAsync(DemoSandbox.ConnectionId), f => f.Id == instance);
        Assert.Equal(nameof(ErrorKind.NotFound), failure.ErrorKind);
        return (instance, failure);
    }

    /// <summary>Replays the failure the shipment waits for, then the shipment, and checks the one invoice carries its tracking number.</summary>
    private static async Task ReplayThenAssertAppliedAsync(DemoSandbox sandbox, string failedFirst, string shipmentInstance, string orderNumber)
    {
        var client = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        var triage = sandbox.Host.Services.GetRequiredService<FailureTriage>();
        await triage.ReplayAsync([failedFirst], "test");
        await WorkflowWait.ForAsync(client, failedFirst + ":r1", WorkflowRuntimeStatus.Completed);
        await triage.ReplayAsync([shipmentInstance], "test");
        var applied = await WorkflowWait.ForAsync(client, shipmentInstance + ":r1");
        Assert.Equal(WorkflowRuntimeStatus.Completed, applied.RuntimeStatus);
        var invoice = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == orderNumber);
        Assert.Equal("1Z999AA100000" + orderNumber, (string?)invoice["TrackingNum"]);
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
