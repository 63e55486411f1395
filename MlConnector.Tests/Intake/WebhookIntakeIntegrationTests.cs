using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Intake;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Intake;

/// <summary>
/// The webhook intake on real Azurite: one queue message per delivery (a blob for an oversize body), the dispatcher
/// handing it to its vendor's handler, and <c>serve</c>'s poller retrying, poisoning, replaying and recovering a delivery
/// whose dispatcher died.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookIntakeIntegrationTests(AzuriteFixture azurite)
{
    private static readonly WebhookIntakeOptions Quick = new()
    {
        MaxAttempts = 2,
        VisibilityTimeout = TimeSpan.FromSeconds(1),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task RecordAsync_SmallBody_WritesOneQueueMessageHoldingTheBodyAndNoBlob()
    {
        // Arrange
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions());
        var body = """{"resource_url":"https://ssapi.shipstation.com/orders?importBatch=1","resource_type":"ORDER_NOTIFY"}"""u8.ToArray();

        // Act
        var recorded = await sut.Intake.RecordAsync("shipstation", "acme", "ORDER_NOTIFY", body);

        // Assert
        var message = Assert.Single(await sut.PeekAsync());
        var delivery = WebhookDeliveryDispatcher.Read(message);
        Assert.Equal((recorded.Id, "shipstation", "acme", "ORDER_NOTIFY"), (delivery.Id, delivery.Vendor, delivery.ConnectionId, delivery.Topic));
        Assert.Equal(body, delivery.Body);
        Assert.Null(delivery.BodyBlob);
        Assert.Empty(await BlobNamesAsync(sut));
    }

    [Fact]
    public async Task AcceptAsync_EveryRecordSlotHeld_Answers503WithRetryAfterAndRecordsNothingThenAcceptsOnceASlotIsFree()
    {
        // Arrange: one record slot, held by another delivery's write.
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions { MaxConcurrentRecords = 1, RecordTimeout = TimeSpan.FromMilliseconds(100) });
        var body = """{"resource_url":"https://ssapi.shipstation.com/orders?importBatch=2","resource_type":"ORDER_NOTIFY"}"""u8.ToArray();
        var held = await sut.Admission.EnterAsync(CancellationToken.None);

        // Act
        var full = await sut.Intake.AcceptAsync("shipstation", "acme", "ORDER_NOTIFY", body);
        var underPressure = sut.Admission.IsUnderPressure;
        held!.Dispose();
        var accepted = await sut.Intake.AcceptAsync("shipstation", "acme", "ORDER_NOTIFY", body);

        // Assert: 503 with Retry-After and nothing recorded; once the slot is free the delivery is recorded once.
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await full.ExecuteAsync(http);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal(WebhookIntake.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture), http.Response.Headers.RetryAfter.ToString());
        Assert.True(underPressure);
        Assert.Equal(200, Assert.IsAssignableFrom<IStatusCodeHttpResult>(accepted).StatusCode);
        Assert.Single(await sut.PeekAsync());
        Assert.Equal(0, sut.Admission.InFlight);
    }

    [Fact]
    public async Task DispatchAsync_OversizeBody_ReadsItFromItsBlobOnceAndARedeliveryDoesNotDispatchAgain()
    {
        // Arrange: 200 KiB, over the queue's 64 KiB message limit.
        var handler = new RecordingDeliveryHandler("qbo");
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions(), handler);
        var body = Encoding.UTF8.GetBytes("{\"eventNotifications\":[" + string.Join(',', Enumerable.Repeat("{\"realmId\":\"1\"}", 200 * 1024 / 16)) + "]}");
        var recorded = await sut.Intake.RecordAsync("qbo", null, "many events", body);
        var message = Assert.Single(await sut.PeekAsync());

        // Act
        await sut.Dispatcher.DispatchAsync(message);
        await sut.Dispatcher.DispatchAsync(message);

        // Assert
        Assert.True(Encoding.UTF8.GetByteCount(message) < WebhookIntake.MaxInlineMessageBytes);
        Assert.Equal(recorded.BodyBlob, WebhookDeliveryDispatcher.Read(message).BodyBlob);
        var call = Assert.Single(handler.Calls);
        Assert.Equal(body, call.Body);
        Assert.Empty(await BlobNamesAsync(sut));
    }

    [Fact]
    public async Task DispatchAsync_MessageThatIsNotADelivery_ThrowsWebhookDeliveryException()
    {
        // Arrange
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions(), new RecordingDeliveryHandler("qbo"));

        // Act / Assert
        await Assert.ThrowsAsync<WebhookDeliveryException>(() => sut.Dispatcher.DispatchAsync("{\"hello\":1}"));
        await Assert.ThrowsAsync<WebhookDeliveryException>(() => sut.Dispatcher.DispatchAsync("not json"));
    }

    [Fact]
    public async Task Poller_HandlerFailsEveryAttempt_KeepsTheDeliveryInThePoisonQueueAndAReplayDispatchesIt()
    {
        // Arrange
        var handler = new RecordingDeliveryHandler("ups-trackalert") { FailWith = new InvalidOperationException("QBO is down") };
        var sut = new IntakeRig(azurite, Quick, handler);
        var recorded = await sut.Intake.RecordAsync("ups-trackalert", "acme", "1Z", "{}"u8.ToArray());
        var poller = sut.CreatePoller();

        // Act: both attempts fail, then the cause is fixed and an operator replays the poison queue.
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(async () => (await sut.PeekAsync(poison: true)).Count == 1);
        var attempts = handler.Calls.Count;
        var pendingAfterPoison = (await sut.PeekAsync()).Count;
        handler.FailWith = null;
        var replayed = await sut.Intake.ReplayPoisonAsync();
        await WorkflowWait.UntilAsync(async () => handler.Calls.Count == attempts + 1 && (await sut.PeekAsync()).Count == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert
        Assert.Equal(Quick.MaxAttempts, attempts);
        Assert.Equal(0, pendingAfterPoison);
        Assert.Equal(1, replayed);
        Assert.Empty(await sut.PeekAsync(poison: true));
        Assert.All(handler.Calls, c => Assert.Equal(recorded.Id, c.Delivery.Id));
    }

    [Fact]
    public async Task Poller_DeliveryForNoHandler_GoesToThePoisonQueueAtOnceWithItsBody()
    {
        // Arrange
        var handler = new RecordingDeliveryHandler("qbo");
        var sut = new IntakeRig(azurite, Quick, handler);
        var recorded = await sut.Intake.RecordAsync("freshbooks", "acme", "invoice.create", "{\"id\":7}"u8.ToArray());

        // Act
        var poller = sut.CreatePoller();
        var received = await poller.ReceiveOnceAsync(CancellationToken.None);
        await poller.WhenAllFinishedAsync();

        // Assert
        Assert.Equal(1, received);
        Assert.Empty(handler.Calls);
        Assert.Empty(await sut.PeekAsync());
        var kept = WebhookDeliveryDispatcher.Read(Assert.Single(await sut.PeekAsync(poison: true)));
        Assert.Equal(recorded.Id, kept.Id);
        Assert.Equal("{\"id\":7}"u8.ToArray(), kept.Body);
    }

    [Fact]
    public async Task Poller_DeliveryTakenByADispatcherThatDied_ReappearsAndIsDispatchedOnce()
    {
        // Arrange: another dispatcher took the delivery and died before deleting it.
        var handler = new RecordingDeliveryHandler("shipstation");
        var sut = new IntakeRig(azurite, Quick, handler);
        await sut.Intake.RecordAsync("shipstation", "acme", "ORDER_NOTIFY", "{}"u8.ToArray());
        var queue = await sut.Queues.GetDeliveriesAsync();
        var taken = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value;
        var poller = sut.CreatePoller();

        // Act
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(async () => !handler.Calls.IsEmpty && (await sut.PeekAsync()).Count == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert
        Assert.Single(taken);
        Assert.Single(handler.Calls);
        Assert.Empty(await sut.PeekAsync(poison: true));
    }

    private static async Task<List<string>> BlobNamesAsync(IntakeRig rig)
    {
        var container = await rig.Blobs.GetAsync();
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "intake/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
