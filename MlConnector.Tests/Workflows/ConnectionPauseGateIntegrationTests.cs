using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Integrations.QboUps;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// A pause that holds, through the whole product: real Azurite, the standalone host on the Durable Task Framework, the
/// ShipStation and QBO simulators over loopback. Webhooks of a paused connection are accepted and held, nothing reaches
/// QBO, and resume runs every held piece of work once.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ConnectionPauseGateIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Resume_AfterWebhooksArrivedWhilePaused_WritesNothingWhilePausedThenSyncsEachHeldRecordOnce()
    {
        // Arrange: order 40001 is invoiced before the pause.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var connectionId = DemoSandbox.ConnectionId;
        var first = sandbox.ShipStation.AddOrders([OrderDrafts.Draft("40001")]);
        await sandbox.ShipStation.NotifyOrdersAsync(first);
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderInstance(connectionId, "40001"), WorkflowRuntimeStatus.Completed);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);
        using var pause = await http.PostAsync(new Uri($"api/connections/{connectionId}/pause?reason=month-end", UriKind.Relative), OperatorHttp.Json());
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);

        // Act 1: while paused, 40001 ships and two new orders arrive, each webhook delivered twice.
        var shipment = sandbox.ShipStation.ShipOrder("40001", "ups", "ups_ground", "1Z40001", 7.5m);
        var deliveries = new List<ShipStationWebhookDeliveryResult>();
        deliveries.AddRange(await sandbox.ShipStation.NotifyShipmentsAsync([shipment], ShipStationWebhookDelivery.Twice));
        deliveries.AddRange(await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("40002"), OrderDrafts.Draft("40003")]), ShipStationWebhookDelivery.Twice));
        await sandbox.WaitForIntakeAsync(CancellationToken.None); // deliveries are dispatched off the request path
        var held = await services.GetRequiredService<HeldWorkStore>().ListAsync(connectionId);
        var holdingWhilePaused = await services.GetRequiredService<HeldWorkStore>().IsHoldingAsync(connectionId);

        // Assert 1: accepted, held once each, nothing started, QBO untouched.
        Assert.True(holdingWhilePaused);
        Assert.All(deliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(4, deliveries.Count);
        Assert.Equal(2, held.Count);
        Assert.All(held, h => Assert.Equal(HeldWorkKind.Start, h.Kind));
        Assert.All(held, h => Assert.Equal(nameof(Core.Integrations.ShipStationQbo.Workflows.ShipStationNotificationWorkflow), WorkflowOrchestratorNameOf(h)));
        foreach (var h in held)
        {
            Assert.Null(await client.GetStatusAsync(h.InstanceId));
        }

        var before = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"));
        Assert.Null((string?)before["TrackingNum"]);

        // Act 2: the operator resumes the connection.
        using var resume = await http.PostAsync(new Uri($"api/connections/{connectionId}/resume", UriKind.Relative), OperatorHttp.Json());
        using var body = JsonDocument.Parse(await resume.Content.ReadAsStringAsync());
        // A page of two orders goes through the batched path (one chunk workflow), so wait for the invoices themselves.
        await WorkflowWait.UntilAsync(() => Task.FromResult(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Select(i => (string?)i["DocNumber"]).Intersect(["40002", "40003"]).Count() == 2), TimeSpan.FromMinutes(2));

        await WorkflowWait.ForAsync(client, ShipStationQboKeys.ShipmentInstance(connectionId, shipment.ShipmentId), WorkflowRuntimeStatus.Completed);

        // Assert 2: every held record synced exactly once, and nothing is held any more.
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.False(body.RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal(2, body.RootElement.GetProperty("released").GetProperty("started").GetInt32());
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").GroupBy(i => (string)i["DocNumber"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["40001", "40002", "40003"], invoices.Keys.Order(StringComparer.Ordinal));
        Assert.All(invoices.Values, list => Assert.Single(list));
        Assert.Equal("1Z40001", (string?)invoices["40001"][0]["TrackingNum"]);
        Assert.Empty(await services.GetRequiredService<HeldWorkStore>().ListAsync(connectionId));
        Assert.False(await services.GetRequiredService<HeldWorkStore>().IsHoldingAsync(connectionId)); // new work is not held
        Assert.False((await services.GetRequiredService<IConnectionStore>().GetAsync(connectionId))!.Paused);
    }

    [Fact]
    public async Task Resume_QboUpsTrackAlertAndPurchaseOrderWhilePaused_NothingReachesQboOrUpsUntilResumeThenOnce()
    {
        // Arrange: PO 2001 shipped and billed before the pause.
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var connectionId = QboUpsSandbox.ConnectionId;
        var firstPo = sandbox.CreatePurchaseOrder("2001", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(connectionId, firstPo), WorkflowRuntimeStatus.Completed);
        var tracking = Assert.Single(await sandbox.Shipments.GetBySourceAsync(connectionId, QboUpsNames.PurchaseOrderSource, firstPo)).TrackingNumber;
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);
        using var pause = await http.PostAsync(new Uri($"api/connections/{connectionId}/pause?reason=audit", UriKind.Relative), OperatorHttp.Json());
        var noteBefore = (string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"];

        // Act 1: while paused, UPS pushes the delivery and a second purchase order arrives by QBO webhook.
        var pushes = await sandbox.Ups.DeliverAsync(tracking);
        var secondPo = sandbox.CreatePurchaseOrder("2002", "Mug Works", "12 Mill Rd");
        var deliveries = await sandbox.Qbo.SendWebhooksAsync();
        await IntakeWait.UntilDispatchedAsync(sandbox.Host.Services);
        var held = await sandbox.Host.Services.GetRequiredService<HeldWorkStore>().ListAsync(connectionId);

        // Assert 1: accepted, held, and nothing written to QBO or UPS.
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.NotEmpty(pushes);
        Assert.All(deliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.True(held.Count >= 2, $"{held.Count} held");
        Assert.Null(await sandbox.Workflows.GetStatusAsync(QboUpsKeys.PurchaseOrderInstance(connectionId, secondPo)));
        Assert.Single(sandbox.Ups.GetShipments());
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
        Assert.Equal(noteBefore, (string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"]);

        // Act 2
        using var resume = await http.PostAsync(new Uri($"api/connections/{connectionId}/resume", UriKind.Relative), OperatorHttp.Json());
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(connectionId, secondPo), WorkflowRuntimeStatus.Completed);
        await WorkflowWait.UntilAsync(async () => (await sandbox.Shipments.GetAsync(connectionId, tracking))!.Delivered);

        // Assert 2: the push and the purchase order each synced once.
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal(2, sandbox.Ups.GetShipments().Count);
        var bills = sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill").ToDictionary(b => (string)b["DocNumber"]!);
        Assert.Equal(["UPS-2001", "UPS-2002"], bills.Keys.Order(StringComparer.Ordinal));
        var note = (string)bills["UPS-2001"]["PrivateNote"]!;
        Assert.Equal(1, note.Split($"{tracking}: Delivered").Length - 1);
        Assert.Empty(await sandbox.Host.Services.GetRequiredService<HeldWorkStore>().ListAsync(connectionId));
    }

    [Fact]
    public async Task HeldWorkRelease_WorkHeldWithoutTheHoldingRow_HoldsNewWorkBehindItAndSyncsEachOnce()
    {
        // Arrange: the schedule runs only when the test runs it. Order 40011 is held while the connection is paused.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None, b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Schedules:HeldWorkRelease"] = "0 0 0 1 1 *" }));
        var services = sandbox.Host.Services;
        var connectionId = DemoSandbox.ConnectionId;
        var connections = services.GetRequiredService<IConnectionStore>();
        var store = services.GetRequiredService<HeldWorkStore>();
        await connections.PauseAsync(connectionId, "month-end");
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("40011")]));
        await sandbox.WaitForIntakeAsync(CancellationToken.None);

        // The version before the holding row: its hold wrote the queue row and marker only; it then resumed the connection
        // and stopped before releasing.
        var tables = services.GetRequiredService<TableProvider>();
        await (await tables.GetTableAsync(tables.Names.HeldWork)).DeleteEntityAsync(TableKeys.Escape(connectionId), "h");
        await connections.ResumeAsync(connectionId);

        // Act 1: this version's gate, and an order that arrives now.
        var mustHold = await services.GetRequiredService<ConnectionPauseGate>().MustHoldAsync(connectionId);
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("40012")]));
        await sandbox.WaitForIntakeAsync(CancellationToken.None);
        var held = await store.ListAsync(connectionId);

        // Act 2: the HeldWorkRelease schedule's pass.
        await services.GetRequiredService<HeldWorkReleaseJob>().RunAsync(DateTimeOffset.UnixEpoch);
        await WorkflowWait.UntilAsync(() => Task.FromResult(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Select(i => (string?)i["DocNumber"]).Intersect(["40011", "40012"]).Count() == 2), TimeSpan.FromMinutes(2));

        // Assert: the new order queued behind the old one; both synced once; nothing held any more.
        Assert.True(mustHold);
        Assert.Equal(2, held.Count);
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").GroupBy(i => (string)i["DocNumber"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, invoices["40011"]);
        Assert.Equal(1, invoices["40012"]);
        Assert.Empty(await store.ListAsync(connectionId));
        Assert.False(await store.IsHoldingAsync(connectionId));
    }

    private static string WorkflowOrchestratorNameOf(HeldWork held) =>
        Core.Workflows.Engines.WorkflowOrchestratorNames.WorkflowFor(held.OrchestratorName!);
}
