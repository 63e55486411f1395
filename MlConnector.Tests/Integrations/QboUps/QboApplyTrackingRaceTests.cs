using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// Two Track Alert updates of one shipment racing on the bill memo (<see cref="QboApplyTrackingActivity"/> over the shared
/// <see cref="UpsTrackingWriteBack"/>), on the real host over Azurite with the QBO simulator on loopback: the older
/// (Pickup) update's bill write is held in the simulator while it holds the bill's write-back lease; the newer (Delivered)
/// update hands its status to it instead of writing, so the memo goes Pickup → Delivered, never back, and the Pickup
/// update's audit row says the memo now shows Delivered.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboApplyTrackingRaceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_OlderUpdateHoldingTheBill_NewerIsHandedToItAndTheMemoNeverGoesBack()
    {
        // Arrange: a PO shipped and billed through the real workflow.
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1401", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        var shipped = await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));
        Assert.Equal(WorkflowRuntimeStatus.Completed, shipped.RuntimeStatus);
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);
        var billId = (string)Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"))["Id"]!;
        var tables = sandbox.Host.Services.GetRequiredService<TableProvider>();
        var lease = UpsTrackingWriteBack.LeaseName("qbo-Bill", billId);
        var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var pickup = new UpsTrackingStatus(tracking, true) { StatusType = "P", Description = "Pickup Scan", ActivityLocalTime = day.AddHours(9) };
        var delivered = new UpsTrackingStatus(tracking, true) { StatusType = "D", Description = "Delivered", ActivityLocalTime = day.AddHours(15) };
        var writesBefore = BillWrites(sandbox, billId).Count;

        // The next bill update (the Pickup write-back's) is held in the simulator until released.
        var hold = HeldRequest.Install(sandbox.Qbo.Faults, IsBillWrite);

        // Act: Pickup reaches the row and its bill write is held (it holds the bill's lease); Delivered reaches the row,
        // finds the lease taken and asks the holder for a pass; then the held Pickup write lands.
        var pickupApply = ApplyAsync(sandbox, pickup, "trackalert-pickup");
        await hold.WaitUntilHeldAsync();
        var deliveredApply = ApplyAsync(sandbox, delivered, "trackalert-delivered");
        await WorkflowWait.UntilAsync(async () => (await ConnectionLease.ReadHolderAsync(tables, QboUpsSandbox.ConnectionId, lease))?.Requested == true);
        var deliveredWaited = !deliveredApply.IsCompleted;
        var writesWhileHeld = BillWrites(sandbox, billId).Count - writesBefore;
        hold.Release();
        var (pickupResult, deliveredResult) = (await pickupApply, await deliveredApply);

        // Assert: nothing was written while the Pickup write was held; the successful writes carried Pickup then Delivered,
        // never Pickup after Delivered; the memo ends on Delivered once and the package row is Delivered.
        Assert.True(deliveredWaited);
        Assert.Equal(0, writesWhileHeld);
        Assert.Equal(billId, pickupResult.CostEntityId);
        Assert.True(deliveredResult.Delivered);
        var writes = BillWrites(sandbox, billId).Skip(writesBefore).Where(w => w.StatusCode == StatusCodes.Status200OK).Select(w => w.Body ?? string.Empty).ToList();
        var firstDelivered = writes.FindIndex(w => w.Contains($"{tracking}: Delivered", StringComparison.Ordinal));
        Assert.True(firstDelivered > 0, $"bill writes: {string.Join(" | ", writes)}");
        Assert.Contains("Pickup Scan", writes[0], StringComparison.Ordinal);
        Assert.DoesNotContain(writes.Skip(firstDelivered), w => w.Contains("Pickup Scan", StringComparison.Ordinal));
        var memo = Memo(sandbox, billId);
        Assert.Equal(1, memo.Split($"{tracking}: Delivered").Length - 1);
        Assert.DoesNotContain("Pickup Scan", memo, StringComparison.Ordinal);
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.True(row.Delivered);
        Assert.Contains($"{tracking}: {row.StatusText}", memo, StringComparison.Ordinal);
        Assert.Null(await ConnectionLease.ReadHolderAsync(tables, QboUpsSandbox.ConnectionId, lease));

        // Assert: the Pickup update's row says what the memo shows after its correction (Delivered); the Delivered update's
        // says it handed its status to the holder.
        var now = TimeProvider.System.GetUtcNow();
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QboUpsSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)));
        var applies = audit.Where(a => a.Operation == "qbo.tracking.apply").ToList();
        var pickupRow = Assert.Single(applies, a => a.WorkflowInstanceId == "trackalert-pickup");
        Assert.Equal(AuditOutcome.Succeeded, pickupRow.Outcome);
        Assert.Contains($"{tracking}: Pickup Scan", pickupRow.Detail, StringComparison.Ordinal);
        Assert.Contains($"; now shows {tracking}: Delivered", pickupRow.Detail, StringComparison.Ordinal);
        var deliveredRow = Assert.Single(applies, a => a.WorkflowInstanceId == "trackalert-delivered");
        Assert.Equal(AuditOutcome.Skipped, deliveredRow.Outcome);
        Assert.Contains("handed to the write-back holding the Bill", deliveredRow.Detail, StringComparison.Ordinal);
    }

    private static async Task<TrackingApplyResult> ApplyAsync(QboUpsSandbox sandbox, UpsTrackingStatus status, string instanceId)
    {
        await using var scope = sandbox.Host.Services.CreateAsyncScope();
        var activity = scope.ServiceProvider.GetRequiredService<QboApplyTrackingActivity>();
        return await activity.RunAsync(new WorkflowActivityContext(instanceId, activity.Name, 1, 1), new TrackingUpdate(QboUpsSandbox.ConnectionId, status, "trackalert"));
    }

    private static List<QboSimulatorRequest> BillWrites(QboUpsSandbox sandbox, string billId) =>
        sandbox.Qbo.GetRequests().Where(r => r.Method == "POST" && r.Path.EndsWith("/bill", StringComparison.OrdinalIgnoreCase) && r.Body?.Contains(billId, StringComparison.Ordinal) == true).ToList();

    private static bool IsBillWrite(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value!.EndsWith("/bill", StringComparison.OrdinalIgnoreCase);

    private static string Memo(QboUpsSandbox sandbox, string billId) =>
        (string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill").Single(b => (string?)b["Id"] == billId)["PrivateNote"] ?? string.Empty;
}
