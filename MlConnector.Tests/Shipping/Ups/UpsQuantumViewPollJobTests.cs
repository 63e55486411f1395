using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Integrations.QboUps;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Shipping.Ups;

/// <summary>
/// Quantum View as a connection's tracking source, end to end on the host, Azurite and the simulators (qbo-ups as the
/// integration that ships): no Track Alert subscription, the unread events read page by page, each status applied once,
/// Delivered never set back.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsQuantumViewPollJobTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PollAsync_QuantumViewConnection_AppliesPickupAndDeliveryOnceAndNeverSetsDeliveredBack()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var connections = sandbox.Host.Services.GetRequiredService<IConnectionStore>();
        var connection = await connections.ChangeAsync(QboUpsSandbox.ConnectionId, c => c with
        {
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>(c.Settings)
            {
                ["ups"] = new Dictionary<string, string>(c.Settings["ups"]) { [UpsShippingNames.TrackingSourceSetting] = UpsShippingNames.SourceQuantumView },
            },
        });
        var poId = sandbox.CreatePurchaseOrder("1401", "Mug Works", "12 Mill Rd");
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));
        var tracking = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId)).TrackingNumber;
        var pushes = (await sandbox.Ups.AdvanceAsync(tracking)).Concat(await sandbox.Ups.DeliverAsync(tracking)).ToList();
        sandbox.Ups.QuantumViewPageSize = 1;
        var sut = sandbox.Host.Services.GetRequiredService<UpsQuantumViewPollJob>();

        // Act
        var started = await sut.PollAsync(connection);
        await WorkflowWait.UntilAsync(async () => (await sandbox.Shipments.GetAsync(QboUpsSandbox.ConnectionId, tracking))!.Delivered);
        await WorkflowWait.UntilAsync(() => Task.FromResult(((string?)sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill")[0]["PrivateNote"])?.Contains($"{tracking}: Delivered", StringComparison.Ordinal) == true));
        var again = await sut.PollAsync(connection);
        var late = await sandbox.Host.Services.GetRequiredService<UpsShippingSteps>().RecordStatusAsync(
            QboUpsSandbox.ConnectionId,
            new UpsTrackingStatus(tracking, Found: true) { StatusType = "P", Description = "Pickup Scan", ActivityLocalTime = DateTimeOffset.UnixEpoch });

        // Assert
        Assert.Null(sandbox.Ups.GetSubscriptionExpiry(tracking));
        Assert.Empty(pushes);
        Assert.Equal(2, started);
        Assert.True(sandbox.Ups.GetQuantumViewRequestCount() >= 3);
        Assert.Equal(0, again);
        Assert.True(late.Stale);
        Assert.True(late.Row!.Delivered);
        var now = TimeProvider.System.GetUtcNow();
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QboUpsSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)));
        Assert.Contains(audit, a => a.Operation == "ups.trackalert.subscribe" && a.Outcome == AuditOutcome.Skipped);
        Assert.Contains(audit, a => a.Operation == "ups.quantumview.poll" && a.Outcome == AuditOutcome.Succeeded);
        Assert.Contains(audit, a => a.Operation == "qbo.tracking.apply" && a.Outcome == AuditOutcome.Succeeded && a.Detail!.Contains("(from quantumview)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TrackAlertConnection_ReadsNoQuantumView()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var sut = sandbox.Host.Services.GetRequiredService<UpsQuantumViewPollJob>();

        // Act
        await sut.RunAsync(TimeProvider.System.GetUtcNow());

        // Assert
        Assert.Equal(0, sandbox.Ups.GetQuantumViewRequestCount());
    }
}
