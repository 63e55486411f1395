using Microsoft.AspNetCore.Http;
using MlConnector.Core.Intake;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Intake;

/// <summary>
/// The intake's group commit on real Azurite: every delivery answered 200 is in the queue (alone or in a group message)
/// and is dispatched exactly once; a group write storage refuses answers 503 to every request in it and records nothing;
/// a group message with one undispatchable delivery still dispatches the others and goes to the poison queue whole.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookIntakeGroupCommitIntegrationTests(AzuriteFixture azurite)
{
    private const int Deliveries = 40;

    [Fact]
    public async Task AcceptAsync_ManyDeliveriesAtOnce_EveryOneAnswered200IsInTheQueueAndIsDispatchedExactlyOnce()
    {
        // Arrange: one writer, so deliveries that arrive during a write wait for the next one.
        var handler = new RecordingDeliveryHandler("bench");
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions { RecordWriters = 1, RecordTimeout = TimeSpan.FromSeconds(30), MinPollInterval = TimeSpan.FromMilliseconds(20), MaxPollInterval = TimeSpan.FromMilliseconds(200) }, handler);

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, Deliveries).Select(i => sut.Intake.AcceptAsync("bench", "acme", "t", Encoding.UTF8.GetBytes($$"""{"n":{{i}}}"""))));
        var (messages, _) = await sut.Intake.CountAsync();
        using var poller = sut.CreatePoller();
        await poller.StartAsync(CancellationToken.None);
        await WorkflowWait.UntilAsync(async () => handler.Calls.Count >= Deliveries && (await sut.PeekAsync()).Count == 0);
        await poller.StopAsync(CancellationToken.None);

        // Assert: at most one message per delivery held them all; each answered id was dispatched once, with its body.
        var accepted = answers.Select(a => Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<WebhookAccepted>>(a).Value!.DeliveryId).ToList();
        Assert.InRange(messages, 1, Deliveries);
        Assert.Equal(accepted.Order(StringComparer.Ordinal), handler.Calls.Select(c => c.Delivery.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            Enumerable.Range(0, Deliveries).Select(i => $$"""{"n":{{i}}}""").Order(StringComparer.Ordinal),
            handler.Calls.Select(c => Encoding.UTF8.GetString(c.Body)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AcceptAsync_StorageRefusesTheGroupWrite_Answers503ToEveryRequestInItAndRecordsNothing()
    {
        // Arrange: the queue is created, then deleted behind the intake's back, so every write is refused (404 QueueNotFound).
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions { RecordWriters = 1 });
        var queue = await sut.Queues.GetDeliveriesAsync();
        await queue.DeleteAsync();

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, Deliveries).Select(i => sut.Intake.AcceptAsync("bench", "acme", "t", Encoding.UTF8.GetBytes($$"""{"n":{{i}}}"""))));

        // Assert
        Assert.All(answers, a => Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsType<IntakeFullResult>(a).StatusCode));
        await queue.CreateAsync();
        Assert.Empty(await sut.PeekAsync());
        Assert.Equal(0, sut.Admission.InFlight);
    }

    [Fact]
    public async Task DispatchAsync_GroupWithADeliveryNoHandlerServes_DispatchesTheOthersAndThrowsWebhookDeliveryException()
    {
        // Arrange: a group message as the group commit writes it, one of its three deliveries for an unknown vendor.
        var handler = new RecordingDeliveryHandler("bench");
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions(), handler);
        var now = TimeProvider.System.GetUtcNow();
        var group = "{\"" + WebhookIntakeGroupCommit.GroupProperty + "\":[" + string.Join(',', new[] { "bench", "nobody", "bench" }.Select((vendor, i) =>
            JsonSerializer.Serialize(new WebhookDelivery("d" + i, vendor, "acme", "t", now, [(byte)('0' + i)], null), JsonSerializerOptions.Web))) + "]}";

        // Act
        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(() => sut.Dispatcher.DispatchAsync(group));

        // Assert
        Assert.Equal(["d0", "d2"], handler.Calls.Select(c => c.Delivery.Id).Order(StringComparer.Ordinal));
        Assert.Contains("1 of the 3 deliveries", error.Message, StringComparison.Ordinal);
    }
}
