using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Intake.QuickBooksOnline;

/// <summary>
/// CDC reconciliation end to end: the QBO simulator drops a webhook, the reconciler asks its CDC endpoint over loopback
/// (through the real QBO client, OAuth tokens included) and dispatches what was missed through the webhook path.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QboChangeReconcilerIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReconcileAsync_WebhookDropped_FindsItDispatchesOnceReportsAndAdvancesWatermark()
    {
        // Arrange: two purchase orders; the webhook of the second is dropped.
        await using var sandbox = await QboEventsSandbox.StartAsync(azurite, "acme");
        var realm = await sandbox.RealmOfAsync("acme");
        var delivered = sandbox.CreatePurchaseOrder(realm, "PO-1");
        var dropped = sandbox.CreatePurchaseOrder(realm, "PO-2");
        var delivery = Assert.Single(await sandbox.Qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions { Drop = c => c.EntityName == "PurchaseOrder" && c.EntityId == dropped }));
        await sandbox.DispatchedAsync(); // the delivered webhook is dispatched off the request path
        Assert.Equal(200, delivery.StatusCode);
        var services = sandbox.Host.Services;
        var reconciler = services.GetRequiredService<QboChangeReconciler>();
        var connection = (await services.GetRequiredService<IConnectionStore>().GetAsync("acme"))!;

        // Act
        var first = await reconciler.ReconcileAsync(connection, sandbox.Handler);
        var second = await reconciler.ReconcileAsync(connection, sandbox.Handler);

        // Assert: the legacy webhook and CDC give the delivered change the same event id, so only the dropped one starts.
        Assert.Equal(2, first.Found);
        Assert.Equal(1, first.Started);
        Assert.Equal(1, first.Duplicates);
        Assert.Equal(0, second.Started);
        Assert.Equal(2, second.Duplicates);
        var calls = sandbox.Handler.Calls.Select(c => c.Change.EntityId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { delivered, dropped }.Order(StringComparer.Ordinal), calls);
        Assert.True(first.SinceUtc < first.WatermarkUtc);
        Assert.True(second.WatermarkUtc >= first.WatermarkUtc);
        Assert.Equal(second.WatermarkUtc, await reconciler.GetWatermarkAsync("acme"));
        Assert.Contains(sandbox.Qbo.GetRequests(), r => r.Path.EndsWith("/cdc", StringComparison.Ordinal) && r.Query.Contains("entities=PurchaseOrder", StringComparison.Ordinal));
        var now = TimeProvider.System.GetUtcNow();
        var audit = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery("acme", now.AddHours(-1), now.AddHours(1)) { Operation = QboEventsNames.ReconcileOperation });
        Assert.Contains(audit, r => r.Detail!.Contains("webhooks had missed 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileAsync_DispatchFails_WatermarkStaysAndTheNextPassDispatchesIt()
    {
        // Arrange: every webhook dropped; the handler fails during the first pass.
        await using var sandbox = await QboEventsSandbox.StartAsync(azurite, "acme");
        var realm = await sandbox.RealmOfAsync("acme");
        var po = sandbox.CreatePurchaseOrder(realm, "PO-1");
        await sandbox.Qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions { Drop = _ => true });
        var services = sandbox.Host.Services;
        var reconciler = services.GetRequiredService<QboChangeReconciler>();
        var connection = (await services.GetRequiredService<IConnectionStore>().GetAsync("acme"))!;
        sandbox.Handler.Failing = true;

        // Act
        var failure = await Record.ExceptionAsync(() => reconciler.ReconcileAsync(connection, sandbox.Handler));
        var watermarkAfterFailure = await reconciler.GetWatermarkAsync("acme");
        sandbox.Handler.Failing = false;
        var retry = await reconciler.ReconcileAsync(connection, sandbox.Handler);

        // Assert
        Assert.NotNull(failure);
        Assert.Null(watermarkAfterFailure);
        Assert.Equal(1, retry.Started);
        Assert.Equal(po, Assert.Single(sandbox.Handler.Calls).Change.EntityId);
        Assert.Equal(retry.WatermarkUtc, await reconciler.GetWatermarkAsync("acme"));
    }

    [Fact]
    public async Task RunAsync_Job_SkipsPausedConnectionsAndReconcilesTheOthers()
    {
        // Arrange
        await using var sandbox = await QboEventsSandbox.StartAsync(azurite, "acme", "globex");
        var acmePo = sandbox.CreatePurchaseOrder(await sandbox.RealmOfAsync("acme"), "PO-A");
        sandbox.CreatePurchaseOrder(await sandbox.RealmOfAsync("globex"), "PO-G");
        await sandbox.Qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions { Drop = _ => true });
        var services = sandbox.Host.Services;
        await services.GetRequiredService<IConnectionStore>().PauseAsync("globex", "month-end");
        var job = services.GetRequiredService<QboChangeReconcileJob>();

        // Act
        await job.RunAsync(TimeProvider.System.GetUtcNow());

        // Assert
        Assert.Equal(QboEventsNames.ReconcileJobName, job.Name);
        var call = Assert.Single(sandbox.Handler.Calls);
        Assert.Equal(("acme", acmePo), (call.ConnectionId, call.Change.EntityId));
        Assert.Null(await services.GetRequiredService<QboChangeReconciler>().GetWatermarkAsync("globex"));
    }
}
