using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// Track Alert renewal across simulated weeks: the UPS simulator's clock and the renewal job's clock are one
/// <see cref="FakeTimeProvider"/>; the host, its workflows and its token cache run in real time.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsTrackAlertRenewalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RenewAsync_AcrossThreeWeeks_RenewsBeforeDay14StopsAfterDeliveryAndStaysWithinTheTokenQuota()
    {
        // Arrange
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite, upsTime: clock);
        var poId = sandbox.CreatePurchaseOrder("1010", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        var shipped = await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));
        var tracking = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId)).TrackingNumber;
        var firstExpiry = sandbox.Ups.GetSubscriptionExpiry(tracking);
        var tokensDay0 = sandbox.Ups.GetTokenRequestCount(QboUpsSandbox.UpsClientId);
        var services = sandbox.Host.Services;
        var job = new UpsTrackAlertRenewalJob(
            services.GetRequiredService<IConnectionStore>(),
            sandbox.Shipments,
            new TrackAlertSubscriber(services.GetRequiredService<IConnectionStore>(), services.GetRequiredService<IUpsClient>(), sandbox.Shipments, services.GetRequiredService<IAuditTrail>(), clock),
            services.GetRequiredService<UpsTrackingRouter>(),
            clock,
            NullLogger<UpsTrackAlertRenewalJob>.Instance);

        // Act
        clock.Advance(TimeSpan.FromDays(10));
        var day10 = await job.RenewAsync(QboUpsSandbox.ConnectionId);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var stillSubscribedBeforeRenewal = sandbox.Ups.GetSubscriptionExpiry(tracking) > clock.GetUtcNow();
        var day11 = await job.RenewAsync(QboUpsSandbox.ConnectionId);
        var renewedExpiry = sandbox.Ups.GetSubscriptionExpiry(tracking);
        var tokensDay11 = sandbox.Ups.GetTokenRequestCount(QboUpsSandbox.UpsClientId);
        clock.Advance(TimeSpan.FromDays(5));
        var pushes = await sandbox.Ups.DeliverAsync(tracking);
        await WorkflowWait.UntilAsync(async () => (await sandbox.Shipments.GetAsync(QboUpsSandbox.ConnectionId, tracking))!.Delivered);
        clock.Advance(TimeSpan.FromDays(7));
        var day23 = await job.RenewAsync(QboUpsSandbox.ConnectionId);

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Completed, shipped.RuntimeStatus);
        Assert.NotNull(firstExpiry);
        Assert.Equal(0, day10.Accepted);
        Assert.True(stillSubscribedBeforeRenewal);
        Assert.Equal(1, day11.Accepted);
        Assert.True(renewedExpiry > firstExpiry);
        Assert.NotEmpty(pushes);
        Assert.Equal(0, day23.Accepted);
        Assert.Equal(0, day23.Rejected);
        // The simulator counts token requests per UTC day of its clock: one on the day of the shipment, one when its 1-hour
        // token had expired on day 11 (a 401, one renewal), none for a renewal run with nothing due.
        Assert.Equal(1, tokensDay0);
        Assert.Equal(1, tokensDay11);
        Assert.Equal(0, sandbox.Ups.GetTokenRequestCount(QboUpsSandbox.UpsClientId));
        var audit = await services.GetRequiredService<IAuditTrail>().QueryAsync(
            new AuditQuery(QboUpsSandbox.ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { Operation = "ups.trackalert.renew" });
        Assert.Contains(audit, a => a.Outcome == AuditOutcome.Succeeded && a.Detail!.Contains(tracking, StringComparison.Ordinal));
    }
}
