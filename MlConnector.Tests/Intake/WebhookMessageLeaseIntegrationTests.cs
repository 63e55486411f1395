using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Core.Intake;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Intake;

/// <summary>
/// <c>serve</c>'s poller keeping a delivery message invisible while it is dispatched (<see cref="WebhookMessageLease"/>), on
/// real Azurite with a 1-second visibility timeout: a dispatch that outlasts it is not taken by a second poller, and the
/// message is deleted with the pop receipt of the last renewal.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookMessageLeaseIntegrationTests(AzuriteFixture azurite)
{
    private static readonly WebhookIntakeOptions OneSecond = new()
    {
        VisibilityTimeout = TimeSpan.FromSeconds(1),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Poller_DispatchOutlastingTheVisibilityTimeout_IsDispatchedOnceBetweenTwoPollersAndTheMessageDeleted()
    {
        // Arrange: two pollers compete for the queue; the handler holds the first dispatch until released.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingDeliveryHandler("shipstation") { HoldUntil = release.Task };
        var sut = new IntakeRig(azurite, OneSecond, handler);
        var recorded = await sut.Intake.RecordAsync("shipstation", "acme", "ORDER_NOTIFY", "{}"u8.ToArray());
        var logs = new FakeLogger<WebhookIntakePoller>();
        var first = sut.CreatePoller(logs);
        var second = sut.CreatePoller(logs);

        // Act: hold the dispatch for six renewals (two visibility timeouts past its receipt, while the other poller polls
        // every 100 ms at most), then let it finish.
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(() => Task.FromResult(!handler.Calls.IsEmpty));
        await WorkflowWait.UntilAsync(() => Task.FromResult(Count(logs, "WebhookMessageLeaseRenewed") >= 6));
        var callsWhileHeld = handler.Calls.Count;
        release.SetResult();
        await WorkflowWait.UntilAsync(async () => await CountMessagesAsync(sut) == 0);
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, callsWhileHeld);
        Assert.Equal(recorded.Id, Assert.Single(handler.Calls).Delivery.Id);
        Assert.Empty(await sut.PeekAsync(poison: true));
        Assert.Equal(0, Count(logs, "WebhookMessageLeaseLost") + Count(logs, "WebhookDeliveryDispatchFailed"));
    }

    [Fact]
    public async Task DeleteMessageAsync_AfterRenewals_DeletesWithTheLastPopReceiptAndNobodyElseReceivedIt()
    {
        // Arrange
        var sut = new IntakeRig(azurite, OneSecond);
        await sut.Intake.RecordAsync("qbo", null, "events", "{}"u8.ToArray());
        var queue = await sut.Queues.GetDeliveriesAsync();
        var message = Assert.Single((await queue.ReceiveMessagesAsync(1, OneSecond.VisibilityTimeout)).Value);
        await using var lease = WebhookMessageLease.Start(queue, message, OneSecond.VisibilityTimeout, TimeProvider.System, NullLogger.Instance);

        // Act: three renewals carry the message one visibility timeout past its receipt; another receiver then looks.
        await WorkflowWait.UntilAsync(() => Task.FromResult(lease.Renewals >= 3));
        var seenByAnother = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value;
        await lease.DeleteMessageAsync();

        // Assert
        Assert.Empty(seenByAnother);
        Assert.NotEqual(message.PopReceipt, lease.PopReceipt);
        Assert.False(lease.Lost);
        Assert.Equal(0, await CountMessagesAsync(sut));
    }

    [Fact]
    public async Task Lease_MessageUpdatedByAnotherHolder_StopsRenewingAsLostAndItsDeleteIsRefused()
    {
        // Arrange: the receipt the lease holds goes stale when someone else updates the message.
        var sut = new IntakeRig(azurite, OneSecond);
        await sut.Intake.RecordAsync("qbo", null, "events", "{}"u8.ToArray());
        var queue = await sut.Queues.GetDeliveriesAsync();
        var message = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value);
        var logs = new FakeLogger();
        await using var lease = WebhookMessageLease.Start(queue, message, OneSecond.VisibilityTimeout, TimeProvider.System, logs);
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, messageText: null, visibilityTimeout: TimeSpan.FromSeconds(30));

        // Act
        await WorkflowWait.UntilAsync(() => Task.FromResult(lease.Lost));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => lease.DeleteMessageAsync());

        // Assert
        Assert.True(WebhookMessageLease.IsStale(refused), $"{refused.Status} {refused.ErrorCode}");
        Assert.Equal(0, lease.Renewals);
        Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Name == "WebhookMessageLeaseLost" && r.Level == LogLevel.Warning);
        Assert.Equal(1, await CountMessagesAsync(sut));
    }

    private static int Count(FakeLogger logger, string eventName) =>
        logger.Collector.GetSnapshot().Count(r => r.Id.Name == eventName);

    private static async Task<int> CountMessagesAsync(IntakeRig rig) =>
        (await (await rig.Queues.GetDeliveriesAsync()).GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
