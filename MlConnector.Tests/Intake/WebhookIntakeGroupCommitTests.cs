using Azure;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.Intake;

/// <summary>
/// The intake's group commit over a writer the test holds (its collaborator): deliveries that arrive while every writer
/// is busy share the next write, each caller completes only once the write holding it is done, a failed write fails every
/// delivery in it, a caller that gave up before a writer took it is never written, and a group never passes its byte cap.
/// </summary>
public class WebhookIntakeGroupCommitTests
{
    [Fact]
    public async Task CommitAsync_DeliveriesArrivingWhileTheWriterIsBusy_ShareTheNextWriteAndCompleteOnlyAfterIt()
    {
        // Arrange: one writer; its first write is held until the test releases it.
        var writer = new HeldWriter();
        using var sut = new WebhookIntakeGroupCommit(1, TimeSpan.FromMinutes(1), 48 * 1024, writer.SendAsync);

        // Act
        var first = sut.CommitAsync("""{"id":"a"}""");
        var waiting = new[] { sut.CommitAsync("""{"id":"b"}"""), sut.CommitAsync("""{"id":"c"}"""), sut.CommitAsync("""{"id":"d"}""") };
        var doneBeforeRelease = waiting.Count(t => t.IsCompleted);
        writer.ReleaseFirst();
        var firstGroup = await first;
        var groups = await Task.WhenAll(waiting);

        // Assert: the first delivery went alone in the single-delivery format; the three that waited share one write.
        Assert.Equal(0, doneBeforeRelease);
        Assert.Equal(1, firstGroup);
        Assert.All(groups, g => Assert.Equal(3, g));
        Assert.Equal(["""{"id":"a"}""", """{"deliveries":[{"id":"b"},{"id":"c"},{"id":"d"}]}"""], writer.Sent);
    }

    [Fact]
    public async Task CommitAsync_TheGroupWriteFails_FailsEveryDeliveryInItWithTheWritesError()
    {
        // Arrange: the held first write succeeds; the next one is refused by storage.
        var writer = new HeldWriter { FailAfterFirst = new RequestFailedException(500, "storage refused the write") };
        using var sut = new WebhookIntakeGroupCommit(1, TimeSpan.FromMinutes(1), 48 * 1024, writer.SendAsync);

        // Act
        var first = sut.CommitAsync("""{"id":"a"}""");
        var second = sut.CommitAsync("""{"id":"b"}""");
        var third = sut.CommitAsync("""{"id":"c"}""");
        writer.ReleaseFirst();
        await first;
        var secondError = await Assert.ThrowsAsync<RequestFailedException>(() => second);
        var thirdError = await Assert.ThrowsAsync<RequestFailedException>(() => third);

        // Assert
        Assert.Same(writer.FailAfterFirst, secondError);
        Assert.Same(writer.FailAfterFirst, thirdError);
        Assert.Equal(2, writer.Sent.Count);
    }

    [Fact]
    public async Task CommitAsync_CallerGivesUpBeforeAWriterTookIt_ItIsNeverWritten()
    {
        // Arrange
        var writer = new HeldWriter();
        using var sut = new WebhookIntakeGroupCommit(1, TimeSpan.FromMinutes(1), 48 * 1024, writer.SendAsync);
        using var giveUp = new CancellationTokenSource();

        // Act: b's caller gives up while a's write is held; c still waits.
        var first = sut.CommitAsync("""{"id":"a"}""");
        var abandoned = sut.CommitAsync("""{"id":"b"}""", giveUp.Token);
        var kept = sut.CommitAsync("""{"id":"c"}""");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        writer.ReleaseFirst();
        await first;
        var keptGroup = await kept;

        // Assert
        Assert.Equal(1, keptGroup);
        Assert.Equal(["""{"id":"a"}""", """{"id":"c"}"""], writer.Sent);
    }

    [Fact]
    public async Task CommitAsync_WaitingDeliveriesPassTheByteCap_AreSplitIntoGroupsWithinIt()
    {
        // Arrange: a cap that fits the group wrapper and two 40-byte deliveries, not three.
        var writer = new HeldWriter();
        const int cap = 16 + 41 + 41 + 10;
        using var sut = new WebhookIntakeGroupCommit(1, TimeSpan.FromMinutes(1), cap, writer.SendAsync);
        var text = "{\"id\":\"" + new string('x', 31) + "\"}";

        // Act
        var first = sut.CommitAsync(text);
        var waiting = Enumerable.Range(0, 5).Select(_ => sut.CommitAsync(text)).ToArray();
        writer.ReleaseFirst();
        await first;
        var groups = await Task.WhenAll(waiting);

        // Assert: 1 alone, then 2 + 2 + 1, every message within the cap.
        Assert.Equal([2, 2, 2, 2, 1], groups);
        Assert.Equal(4, writer.Sent.Count);
        Assert.All(writer.Sent, m => Assert.True(Encoding.UTF8.GetByteCount(m) <= cap, m));
    }

    /// <summary>Records each message; holds the first write until released; fails the later ones when told to.</summary>
    private sealed class HeldWriter
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public List<string> Sent { get; } = [];

        public Exception? FailAfterFirst { get; init; }

        public void ReleaseFirst() => _release.SetResult();

        public async Task SendAsync(string text, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(text);
            }

            if (Interlocked.Increment(ref _calls) == 1)
            {
                await _release.Task.WaitAsync(cancellationToken);
                return;
            }

            if (FailAfterFirst is not null)
            {
                throw FailAfterFirst;
            }
        }
    }
}
