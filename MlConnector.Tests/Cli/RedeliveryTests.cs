using Microsoft.Extensions.Time.Testing;
using MlConnector.Cli.Delivery;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The one deliver-until-accepted loop of the bench and the chaos: it repeats while its rule says so, tells the rule the
/// answer, the tries and the time since the first, counts retries after an unreachable host, and never swallows the
/// caller's cancellation or a fault that is not the host's.
/// </summary>
public class RedeliveryTests
{
    [Fact]
    public async Task UntilAcceptedAsync_UnreachableTwiceThen503ThenOk_CountsEachRetryAndThoseWhileUnreachable()
    {
        // Arrange: refused, timed out (not the caller's token), 503, then accepted.
        var answers = new Queue<Func<DeliveryAnswer>>([
            () => throw new HttpRequestException("Connection refused"),
            () => throw new TaskCanceledException("The request timed out."),
            () => new DeliveryAnswer(503, TimeSpan.Zero),
            () => new DeliveryAnswer(200),
        ]);

        // Act
        var outcome = await Redelivery.UntilAcceptedAsync(_ => Task.FromResult(answers.Dequeue()()), (_, _, _) => TimeSpan.Zero, new FakeTimeProvider(), CancellationToken.None);

        // Assert
        Assert.Equal(new DeliveryOutcome(true, 3, 200) { RetriesWhileUnreachable = 2 }, outcome);
        Assert.Empty(answers);
    }

    [Fact]
    public async Task UntilAcceptedAsync_RuleGivesUp_SeesEachAnswerTheTriesAndTheElapsedTimeAndEndsWithTheLastStatus()
    {
        // Arrange: each try takes one second of the fake clock; the rule gives up after the third.
        var time = new FakeTimeProvider();
        var seen = new List<(int? Status, int Tries, TimeSpan Elapsed)>();
        Task<DeliveryAnswer> SendAsync(CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(new DeliveryAnswer(500 + seen.Count));
        }

        TimeSpan? Rule(DeliveryAnswer answer, int tries, TimeSpan elapsed)
        {
            seen.Add((answer.Status, tries, elapsed));
            return tries < 3 ? TimeSpan.Zero : null;
        }

        // Act
        var outcome = await Redelivery.UntilAcceptedAsync(SendAsync, Rule, time, CancellationToken.None);

        // Assert
        Assert.Equal([(500, 1, TimeSpan.FromSeconds(1)), (501, 2, TimeSpan.FromSeconds(2)), (502, 3, TimeSpan.FromSeconds(3))], seen);
        Assert.Equal(new DeliveryOutcome(false, 2, 502), outcome);
    }

    [Fact]
    public async Task UntilAcceptedAsync_CallersCancellation_IsThrownNotRetried()
    {
        // Arrange
        using var cancel = new CancellationTokenSource();
        var tries = 0;
        Task<DeliveryAnswer> SendAsync(CancellationToken cancellationToken)
        {
            tries++;
            cancel.Cancel();
            throw new TaskCanceledException("cancelled", null, cancellationToken);
        }

        // Act / Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Redelivery.UntilAcceptedAsync(SendAsync, (_, _, _) => TimeSpan.Zero, new FakeTimeProvider(), cancel.Token));
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task UntilAcceptedAsync_FaultThatIsNotTheHosts_Propagates()
    {
        // Act / Assert: a broken sender (a simulator's bug) is no unreachable host.
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Redelivery.UntilAcceptedAsync(
            _ => throw new InvalidOperationException("The simulator broke."), (_, _, _) => TimeSpan.Zero, new FakeTimeProvider(), CancellationToken.None));
        Assert.Equal("The simulator broke.", thrown.Message);
    }
}
