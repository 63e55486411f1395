using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// QBO ↔ UPS end to end: signed QBO webhooks into the standalone host, the real workflows on Azurite, the real QBO and
/// UPS clients against the simulators over loopback, Track Alert pushes back into the host.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsEndToEndTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("bill")]
    [InlineData("journal")]
    public async Task PurchaseOrder_ValidAddress_OneShipmentItsCostInQboAndDeliveredInTheMemo(string costPosting)
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite, costPosting);
        var poId = sandbox.CreatePurchaseOrder("1001", "Mug Works", "12 Mill Rd");

        // Act
        var deliveries = await sandbox.Qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions { Format = QboSimulatorWebhookFormat.CloudEvents });
        var instanceId = QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId);
        var status = await WorkflowWait.ForAsync(sandbox.Workflows, instanceId);
        var redelivered = await sandbox.Qbo.RedeliverAsync(deliveries[0]);
        var rows = await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId);
        var row = Assert.Single(rows);
        var pushes = await sandbox.Ups.DeliverAsync(row.TrackingNumber);
        await WorkflowWait.UntilAsync(async () => (await sandbox.Shipments.GetAsync(QboUpsSandbox.ConnectionId, row.TrackingNumber))!.Delivered);

        // Assert
        Assert.All(deliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(200, redelivered.StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        Assert.Equal("PO 1001", shipment.ReferenceNumber);
        Assert.Equal(QboUpsSandbox.ShipperNumber, shipment.ShipperNumber);
        Assert.Equal(shipment.TotalCharge, row.Charge);
        Assert.NotNull(row.LabelBlobPath);
        Assert.True((await sandbox.Shipments.GetLabelAsync(row.LabelBlobPath!)).ToMemory().Length > 0);
        Assert.NotEmpty(pushes);
        if (costPosting == "bill")
        {
            var bill = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
            Assert.Equal("UPS-1001", (string?)bill["DocNumber"]);
            Assert.Equal(QboUpsSandbox.UpsVendorId, (string?)bill["VendorRef"]!["value"]);
            Assert.Equal(shipment.TotalCharge, (decimal)bill["TotalAmt"]!);
            Assert.Equal(QboUpsSandbox.FreightInAccountId, (string?)bill["Line"]![0]!["AccountBasedExpenseLineDetail"]!["AccountRef"]!["value"]);
            await WorkflowWait.UntilAsync(() => Task.FromResult(((string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"])?.Contains($"{row.TrackingNumber}: Delivered", StringComparison.Ordinal) == true));
            Assert.Empty(sandbox.Qbo.GetEntities(sandbox.RealmId, "JournalEntry"));
        }
        else
        {
            var entry = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "JournalEntry"));
            var lines = entry["Line"]!.AsArray();
            Assert.Equal(2, lines.Count);
            Assert.Equal((decimal)lines[0]!["Amount"]!, (decimal)lines[1]!["Amount"]!);
            Assert.Equal(shipment.TotalCharge, (decimal)lines[0]!["Amount"]!);
            await WorkflowWait.UntilAsync(() => Task.FromResult(((string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "JournalEntry")[0]["PrivateNote"])?.Contains($"{row.TrackingNumber}: Delivered", StringComparison.Ordinal) == true));
            Assert.Empty(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
        }

        Assert.NotNull(sandbox.Ups.GetSubscriptionExpiry(row.TrackingNumber));
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QboUpsSandbox.ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { BusinessKey = poId });
        Assert.Contains(audit, a => a.Operation == "ups.address.validate" && a.Outcome == AuditOutcome.Succeeded);
        Assert.Contains(audit, a => a.Operation == "ups.rate.quote" && a.Outcome == AuditOutcome.Succeeded);
        Assert.Contains(audit, a => a.Operation == "ups.shipment.create" && a.VendorReference == shipment.ShipmentIdentificationNumber);
    }

    [Fact]
    public async Task PurchaseOrder_AmbiguousAddress_FailsBeforeShippingAndShipsOnceAfterCorrectionAndReplay()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1002", "Mill Road");
        await sandbox.Qbo.SendWebhooksAsync();
        var instanceId = QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId);
        var failed = await WorkflowWait.ForAsync(sandbox.Workflows, instanceId);
        var shipmentsWhileFailed = sandbox.Ups.GetShipments().Count;
        var billsWhileFailed = sandbox.Qbo.Count(sandbox.RealmId, "Bill");

        // Act
        sandbox.Qbo.TouchEntity(sandbox.RealmId, "PurchaseOrder", poId, po => po["ShipAddr"]!["Line1"] = "12 Mill Rd");
        var replay = await sandbox.Workflows.ReplayAsync(instanceId);
        var replayed = await WorkflowWait.ForAsync(sandbox.Workflows, replay.InstanceId);
        var again = await sandbox.Workflows.ReplayAsync(instanceId);

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("ambiguous", failed.Failure!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, shipmentsWhileFailed);
        Assert.Equal(0, billsWhileFailed);
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QboUpsSandbox.ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { BusinessKey = poId });
        var validation = Assert.Single(audit, a => a.Operation == "ups.address.validate" && a.Outcome == AuditOutcome.Failed);
        Assert.Contains("100 MILL ROAD", validation.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("200 MILL ROAD", validation.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(WorkflowRuntimeStatus.Completed, replayed.RuntimeStatus);
        Assert.True(again.IsDuplicate);
        Assert.Single(sandbox.Ups.GetShipments());
        Assert.Equal(1, sandbox.Qbo.Count(sandbox.RealmId, "Bill"));
    }

    [Theory]
    [InlineData(QboSimulatorWebhookSignature.Forged)]
    [InlineData(QboSimulatorWebhookSignature.Omitted)]
    public async Task QboWebhook_ForgedOrUnsigned_401AndNothingStarts(QboSimulatorWebhookSignature signature)
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1003", "Mug Works", "12 Mill Rd");

        // Act
        var deliveries = await sandbox.Qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions { Signature = signature });

        // Assert
        Assert.All(deliveries, d => Assert.Equal(401, d.StatusCode));
        Assert.Null(await sandbox.Workflows.GetStatusAsync(QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId)));
        Assert.Empty(sandbox.Ups.GetShipments());
        Assert.Empty(await sandbox.Workflows.ListAsync(connectionId: QboUpsSandbox.ConnectionId));
    }

    [Fact]
    public async Task TrackAlertCallback_WrongSecretOrForeignApiKey_RejectedAndNothingStarts()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        using var client = new HttpClient { BaseAddress = sandbox.Host.BaseAddress };
        const string body = """{"trackingNumber":"1ZA1B2C30312345678","activityStatus":{"type":"D","code":"FS","description":"Delivered"},"localActivityDate":"20261125","localActivityTime":"101400"}""";

        // Act
        var wrongSecret = await client.PostAsync(new Uri($"api/webhooks/ups/{QboUpsSandbox.ConnectionId}/not-the-secret", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        using var foreign = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/webhooks/ups/{QboUpsSandbox.ConnectionId}/{QboUpsSandbox.TrackAlertSecret}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreign.Headers.Add("x-api-key", "someone-else");
        var foreignKey = await client.SendAsync(foreign);
        var malformed = await client.PostAsync(new Uri($"api/webhooks/ups/{QboUpsSandbox.ConnectionId}/{QboUpsSandbox.TrackAlertSecret}", UriKind.Relative), new StringContent("{\"activityStatus\":{}}", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.NotFound, wrongSecret.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, foreignKey.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Empty(await sandbox.Workflows.ListAsync(connectionId: QboUpsSandbox.ConnectionId));
    }

    [Fact]
    public async Task TrackingPoll_PushesLost_FindsTheNewStatusOnceAndUpdatesTheBill()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1004", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));
        var tracking = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId)).TrackingNumber;
        sandbox.Ups.ConfigureTrackAlertWebhook(new Uri(sandbox.Host.BaseAddress, $"api/webhooks/ups/{QboUpsSandbox.ConnectionId}/stale-secret"), QboUpsSandbox.UpsClientId);
        var lost = await sandbox.Ups.DeliverAsync(tracking);
        var job = sandbox.Host.Services.GetRequiredService<UpsTrackingPollJob>();

        // Act
        var first = await job.PollAsync(QboUpsSandbox.ConnectionId);
        await WorkflowWait.UntilAsync(async () => (await sandbox.Shipments.GetAsync(QboUpsSandbox.ConnectionId, tracking))!.Delivered);
        var second = await job.PollAsync(QboUpsSandbox.ConnectionId);

        // Assert
        Assert.All(lost, p => Assert.Equal(404, p.StatusCode));
        Assert.Equal(1, first);
        Assert.Equal(0, second);
        await WorkflowWait.UntilAsync(() => Task.FromResult(((string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"])?.Contains($"{tracking}: Delivered", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task TrackAlertCallback_EarlierScanArrivesAfterDelivery_BillKeepsDelivered()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1005", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));
        var tracking = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId)).TrackingNumber;
        await sandbox.Ups.DeliverAsync(tracking);
        await WorkflowWait.UntilAsync(async () => (await sandbox.Shipments.GetAsync(QboUpsSandbox.ConnectionId, tracking))!.Delivered);
        var memoDelivered = (string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"];
        using var client = new HttpClient { BaseAddress = sandbox.Host.BaseAddress };
        var late = $$$"""{"trackingNumber":"{{{tracking}}}","localActivityDate":"20000101","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";

        // Act
        var response = await client.PostAsync(new Uri($"api/webhooks/ups/{QboUpsSandbox.ConnectionId}/{QboUpsSandbox.TrackAlertSecret}", UriKind.Relative), new StringContent(late, Encoding.UTF8, "application/json"));
        var instanceId = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["instanceId"]!;
        var done = await WorkflowWait.ForAsync(sandbox.Workflows, instanceId);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.False(done.ReadOutputAs<TrackingApplyResult>()!.Changed);
        Assert.Contains("Delivered", memoDelivered, StringComparison.Ordinal);
        Assert.Equal(memoDelivered, (string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"]);
        Assert.True((await sandbox.Shipments.GetAsync(QboUpsSandbox.ConnectionId, tracking))!.Delivered);
    }
}
