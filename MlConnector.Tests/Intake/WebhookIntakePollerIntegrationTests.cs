using MlConnector.Core.Intake;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Intake;

/// <summary>
/// <c>serve</c>'s poller keeping its dispatch slots busy, on real Azurite: no batch barrier (a held dispatch does not stop
/// the next deliveries), no head-of-line blocking (a slow connection holds at most its share of the slots, a group message's
/// deliveries included), and no delivery dispatched twice by one process.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookIntakePollerIntegrationTests(AzuriteFixture azurite)
{
    private const string Vendor = "shipstation";

    [Fact]
    public async Task Poller_OneDispatchHeld_DispatchesTheDeliveriesRecordedAfterItMeanwhile()
    {
        // Arrange: every slot may go to one connection, so only the absence of a batch barrier lets the others through.
        var handler = new GatedDeliveryHandler(Vendor, "slow");
        var sut = new IntakeRig(azurite, Options(slots: 4, perConnection: 4), handler);
        var held = await sut.Intake.RecordAsync(Vendor, "slow", "ORDER_NOTIFY", "{}"u8.ToArray());
        var poller = sut.CreatePoller();
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(() => Task.FromResult(handler.Calls("slow") == 1));

        // Act: 20 deliveries of another connection arrive while that dispatch is held.
        var later = await RecordAsync(sut, "acme", 20);
        await WorkflowWait.UntilAsync(async () => handler.Calls("acme") == 20 && await CountMessagesAsync(sut) == 1);
        var heldStill = handler.Calls("slow") == 1 && handler.MaxInFlight("slow") == 1;
        handler.Release();
        await WorkflowWait.UntilAsync(async () => (await sut.PeekAsync()).Count == 0 && poller.Held == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert
        Assert.True(heldStill);
        Assert.All(later.Append(held.Id), id => Assert.Equal(1, handler.CallsPerDelivery[id]));
        Assert.Empty(await sut.PeekAsync(poison: true));
    }

    [Fact]
    public async Task Poller_SlowConnectionBacklog_TakesAtMostItsShareAndTheOtherConnectionIsDispatched()
    {
        // Arrange: 6 deliveries of a connection whose dispatches hang, recorded first, then 6 of another; 4 slots, 2 each.
        var handler = new GatedDeliveryHandler(Vendor, "slow");
        var sut = new IntakeRig(azurite, Options(slots: 4, perConnection: 2), handler);
        var slow = await RecordAsync(sut, "slow", 6);
        var fast = await RecordAsync(sut, "acme", 6);
        var poller = sut.CreatePoller();

        // Act
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(() => Task.FromResult(handler.Calls("acme") == 6 && handler.Calls("slow") == 2));
        var slowWhileHeld = (handler.Calls("slow"), handler.MaxInFlight("slow"));
        handler.Release();
        await WorkflowWait.UntilAsync(async () => (await sut.PeekAsync()).Count == 0 && poller.Held == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert
        Assert.Equal((2, 2), slowWhileHeld);
        Assert.All(slow.Concat(fast), id => Assert.Equal(1, handler.CallsPerDelivery[id]));
        Assert.InRange(handler.MaxInFlight("slow"), 1, 2);
        Assert.Empty(await sut.PeekAsync(poison: true));
    }

    [Fact]
    public async Task Poller_GroupMessageMixingConnections_DispatchesTheOtherConnectionsWhileOneIsHeldAndDeletesItAfter()
    {
        // Arrange: one group message of 4 deliveries of a hanging connection and 4 of another; 4 slots, 2 per connection.
        var handler = new GatedDeliveryHandler(Vendor, "slow");
        var sut = new IntakeRig(azurite, Options(slots: 4, perConnection: 2), handler);
        var now = TimeProvider.System.GetUtcNow();
        var deliveries = Enumerable.Range(0, 8).Select(i => new WebhookDelivery("g" + i, Vendor, i % 2 == 0 ? "slow" : "acme", "ORDER_NOTIFY", now, [(byte)i], null)).ToList();
        var group = "{\"" + WebhookIntakeGroupCommit.GroupProperty + "\":[" + string.Join(',', deliveries.Select(d => JsonSerializer.Serialize(d, JsonSerializerOptions.Web))) + "]}";
        await (await sut.Queues.GetDeliveriesAsync()).SendMessageAsync(group);
        var poller = sut.CreatePoller();

        // Act
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(() => Task.FromResult(handler.Calls("acme") == 4 && handler.Calls("slow") == 2));
        var whileHeld = (handler.Calls("slow"), handler.MaxInFlight("slow"), poller.Held);
        handler.Release();
        await WorkflowWait.UntilAsync(async () => (await sut.PeekAsync()).Count == 0 && poller.Held == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert: the message was held (not deleted, not taken again) until its last delivery was dispatched.
        Assert.Equal((2, 2, 1), whileHeld);
        Assert.All(deliveries, d => Assert.Equal(1, handler.CallsPerDelivery[d.Id]));
        Assert.Empty(await sut.PeekAsync(poison: true));
    }

    [Fact]
    public async Task Poller_ManyDeliveriesOfSeveralConnections_DispatchesEachOnceAndEmptiesTheQueue()
    {
        // Arrange: 120 deliveries of 5 connections; a 2-second visibility timeout, so leases renew while messages are held.
        var handler = new GatedDeliveryHandler(Vendor);
        var options = Options(slots: 8, perConnection: 4);
        options.VisibilityTimeout = TimeSpan.FromSeconds(2);
        var sut = new IntakeRig(azurite, options, handler);
        var ids = new List<string>();
        for (var c = 0; c < 5; c++)
        {
            ids.AddRange(await RecordAsync(sut, "c" + c, 24));
        }

        var poller = sut.CreatePoller();

        // Act
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(async () => handler.CallsPerDelivery.Count == ids.Count && (await sut.PeekAsync()).Count == 0 && poller.Held == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert
        Assert.All(ids, id => Assert.Equal(1, handler.CallsPerDelivery[id]));
        Assert.Equal(ids.Count, handler.CallsPerDelivery.Values.Sum());
        Assert.All(Enumerable.Range(0, 5), c => Assert.InRange(handler.MaxInFlight("c" + c), 1, 4));
        Assert.Empty(await sut.PeekAsync(poison: true));
    }

    private static WebhookIntakeOptions Options(int slots, int perConnection) => new()
    {
        MaxConcurrentDispatches = slots,
        MaxConcurrentDispatchesPerConnection = perConnection,
        VisibilityTimeout = TimeSpan.FromSeconds(30),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
    };

    private static async Task<int> CountMessagesAsync(IntakeRig rig) =>
        (await (await rig.Queues.GetDeliveriesAsync()).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static async Task<List<string>> RecordAsync(IntakeRig rig, string connectionId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await rig.Intake.RecordAsync(Vendor, connectionId, "ORDER_NOTIFY", "{}"u8.ToArray())).Id);
        }

        return ids;
    }
}
