using MlConnector.Cli.Chaos;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The chaos run's deliveries go several at a time: they really overlap, never more than the concurrency, start in the
/// planned order with the per-delivery hook run before each, and the counters (accepted webhooks, attempts that found the
/// host down) are exact; a delivery that throws stops the rest.
/// </summary>
public class ChaosDelivererTests
{
    private const int Concurrency = 4;

    [Fact]
    public async Task MakeAsync_ManyDeliveries_OverlapUpToTheConcurrencyAndCountExactly()
    {
        // Arrange: the first four wait until all four are in flight together; every third webhook finds the host down twice,
        // every fifth is refused once with 503, and every seventh delivery is a Web Connector session (no webhook).
        const int count = 40;
        var (inFlight, mostInFlight, attempts) = (0, 0, new int[count]);
        var allFourIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveries = Enumerable.Range(0, count).Select(i => new ChaosDelivery($"record {i}", i, async cancellationToken =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            try
            {
                var attempt = Interlocked.Increment(ref attempts[i]);
                if (i < Concurrency)
                {
                    if (now == Concurrency)
                    {
                        allFourIn.TrySetResult();
                    }

                    await allFourIn.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
                }

                await Task.Yield();
                return i % 3 == 0 && attempt <= 2 ? null : i % 5 == 0 && attempt == 1 ? 503 : 200;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        })
        {
            IsWebhook = i % 7 != 0,
        }).ToList();
        var started = new List<int>();
        var progress = new List<(int Started, int Accepted)>();
        var problems = new List<string>();
        var deliverer = new ChaosDeliverer(Concurrency, TimeSpan.FromMinutes(5), TimeSpan.Zero, problems.Add);

        // Act
        await deliverer.MakeAsync(
            deliveries,
            (i, _) =>
            {
                started.Add(i);
                return Task.CompletedTask;
            },
            (s, a) => progress.Add((s, a)),
            CancellationToken.None);

        // Assert
        Assert.True(allFourIn.Task.IsCompletedSuccessfully);
        Assert.Equal(Concurrency, mostInFlight);
        Assert.Equal(Enumerable.Range(0, count), started);
        Assert.Empty(problems);
        var webhooks = Enumerable.Range(0, count).Where(i => i % 7 != 0).ToList();
        Assert.Equal(webhooks.Count, deliverer.Accepted);
        Assert.Equal(2 * webhooks.Count(i => i % 3 == 0), deliverer.RetriedWhileDown);
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(i % 3 == 0 ? 3 : i % 5 == 0 ? 2 : 1, attempts[i]));
        Assert.Equal(Enumerable.Range(1, 10).Select(k => 4 * k), progress.Select(p => p.Started));
    }

    [Fact]
    public async Task MakeAsync_DeliveryThrows_StartsNoFurtherOneAndRethrows()
    {
        // Arrange
        var deliveries = Enumerable.Range(0, 20).Select(i => new ChaosDelivery($"record {i}", i, _ =>
            i == 3 ? throw new InvalidOperationException("The simulator broke.") : Task.FromResult<int?>(200))).ToList();
        var started = new List<int>();
        var deliverer = new ChaosDeliverer(2, TimeSpan.FromMinutes(5), TimeSpan.Zero, _ => { });

        // Act
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => deliverer.MakeAsync(
            deliveries,
            (i, _) =>
            {
                started.Add(i);
                return Task.CompletedTask;
            },
            (_, _) => { },
            CancellationToken.None));

        // Assert
        Assert.Equal("The simulator broke.", thrown.Message);
        Assert.Equal(new[] { 0, 1, 2, 3 }, started);
        Assert.Equal(3, deliverer.Accepted);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
