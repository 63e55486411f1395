using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// Two Track Alert updates of one shipment racing on the bill memo (<see cref="QboApplyTrackingActivity"/> over the shared
/// <see cref="UpsTrackingWriteBack"/>), on the real host over Azurite with the QBO simulator on loopback: the older
/// (Pickup) update's bill write is held in the simulator until the newer (Delivered) update has written, so it lands with a
/// stale SyncToken, is refused (5010), re-read and re-applied — the memo must still end on the newest status.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboApplyTrackingRaceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_OlderUpdateLandingAfterNewerWithStaleSyncToken_BillMemoEndsOnTheNewestStatus()
    {
        // Arrange: a PO shipped and billed through the real workflow.
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1401", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        var shipped = await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));
        Assert.Equal(WorkflowRuntimeStatus.Completed, shipped.RuntimeStatus);
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);
        var billId = (string)Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"))["Id"]!;
        var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var pickup = new UpsTrackingStatus(tracking, true) { StatusType = "P", Description = "Pickup Scan", ActivityLocalTime = day.AddHours(9) };
        var delivered = new UpsTrackingStatus(tracking, true) { StatusType = "D", Description = "Delivered", ActivityLocalTime = day.AddHours(15) };

        // The next bill update (the Pickup write-back's) is held in the simulator until released.
        var hold = HeldRequest.Install(sandbox.Qbo.Faults, IsBillWrite);

        // Act: Pickup reaches the row and its bill write is held; Delivered reaches the row and its write completes (the
        // bill's SyncToken moves on); then the held Pickup write lands with the SyncToken it read before.
        var pickupApply = ApplyAsync(sandbox, pickup, "trackalert-pickup");
        await hold.WaitUntilHeldAsync();
        var deliveredResult = await ApplyAsync(sandbox, delivered, "trackalert-delivered");
        var afterDelivered = Memo(sandbox, billId);
        hold.Release();
        var pickupResult = await pickupApply;

        // Assert: the Delivered write was not lost (the memo said Delivered when its update returned), the held write met a
        // stale SyncToken (5010, re-read and re-applied), and the memo ends on Delivered, once, never Pickup Scan.
        Assert.Contains($"{tracking}: Delivered", afterDelivered, StringComparison.Ordinal);
        Assert.True(deliveredResult.Delivered);
        Assert.Equal(billId, pickupResult.CostEntityId);
        var writes = sandbox.Qbo.GetRequests().Where(r => r.Method == "POST" && r.Path.EndsWith("/bill", StringComparison.OrdinalIgnoreCase) && r.Body?.Contains(billId, StringComparison.Ordinal) == true).ToList();
        Assert.Contains(writes, w => w.StatusCode == StatusCodes.Status400BadRequest);
        var memo = Memo(sandbox, billId);
        Assert.Equal(1, memo.Split($"{tracking}: Delivered").Length - 1);
        Assert.DoesNotContain("Pickup Scan", memo, StringComparison.Ordinal);
        Assert.True(hold.Count >= 3, $"{hold.Count} bill writes (Pickup held, Delivered, Pickup re-applied after the stale SyncToken, and its correction)");
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.True(row.Delivered);
        Assert.Contains($"{tracking}: {row.StatusText}", memo, StringComparison.Ordinal);
    }

    private static async Task<TrackingApplyResult> ApplyAsync(QboUpsSandbox sandbox, UpsTrackingStatus status, string instanceId)
    {
        await using var scope = sandbox.Host.Services.CreateAsyncScope();
        var activity = scope.ServiceProvider.GetRequiredService<QboApplyTrackingActivity>();
        return await activity.RunAsync(new WorkflowActivityContext(instanceId, activity.Name, 1, 1), new TrackingUpdate(QboUpsSandbox.ConnectionId, status, "trackalert"));
    }

    private static bool IsBillWrite(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value!.EndsWith("/bill", StringComparison.OrdinalIgnoreCase);

    private static string Memo(QboUpsSandbox sandbox, string billId) =>
        (string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill").Single(b => (string?)b["Id"] == billId)["PrivateNote"] ?? string.Empty;
}
