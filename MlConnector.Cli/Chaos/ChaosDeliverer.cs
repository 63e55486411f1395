using MlConnector.Cli.Delivery;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// Makes a list of deliveries with up to <paramref name="concurrency"/> in flight at once, as vendors deliver webhooks
/// concurrently: they start in the list's order (one waits for a free slot), each is repeated every
/// <paramref name="retryDelay"/> until the host answers 2xx, as vendors retry (<see cref="Redelivery"/>, the bench's loop too), and one not accepted within
/// <paramref name="patience"/> is given up and reported to <paramref name="problem"/>. The counters are exact under
/// concurrency.
/// </summary>
/// <param name="concurrency">Deliveries in flight at once; at least 1.</param>
/// <param name="patience">How long one delivery is repeated before it is given up.</param>
/// <param name="retryDelay">The pause between two attempts of one delivery.</param>
/// <param name="problem">Told about each delivery given up (possibly from several threads at once).</param>
internal sealed class ChaosDeliverer(int concurrency, TimeSpan patience, TimeSpan retryDelay, Action<string> problem)
{
    private int _accepted;
    private int _retriedWhileDown;

    /// <summary>Webhook deliveries the host accepted (2xx) so far; deliveries that are no webhooks are not counted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Webhook delivery attempts that found the host unreachable (down or restarting) and were repeated.</summary>
    public int RetriedWhileDown => Volatile.Read(ref _retriedWhileDown);

    /// <summary>
    /// Makes <paramref name="deliveries"/> and waits for all of them. <paramref name="beforeStart"/> runs for each index,
    /// one at a time and in order, once a slot is free and before that delivery starts (while earlier ones may still be
    /// in flight): the place to kill the host or switch a fault at a given delivery. <paramref name="progress"/> gets the
    /// number started and the number accepted, every tenth of the list. When a delivery throws, no further one starts and
    /// the exception is rethrown once those in flight have ended.
    /// </summary>
    /// <param name="deliveries">The deliveries, in the order to start them.</param>
    /// <param name="beforeStart">Runs before delivery <c>i</c> starts.</param>
    /// <param name="progress">Told (started, accepted) every tenth of the list.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>A task that completes when every delivery was accepted or given up.</returns>
    public async Task MakeAsync(IReadOnlyList<ChaosDelivery> deliveries, Func<int, CancellationToken, Task> beforeStart, Action<int, int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(beforeStart);
        ArgumentNullException.ThrowIfNull(progress);
        var progressEvery = Math.Max(1, deliveries.Count / 10);
        var made = 0;
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new List<Task>(deliveries.Count);
        try
        {
            for (var i = 0; i < deliveries.Count; i++)
            {
                await slots.WaitAsync(failed.Token);
                try
                {
                    await beforeStart(i, failed.Token);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                inFlight.Add(MakeOneAsync(deliveries[i]));
                if ((i + 1) % progressEvery == 0)
                {
                    progress(i + 1, Volatile.Read(ref made));
                }
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A delivery threw: no further one starts; WhenAll below rethrows its exception.
        }

        await Task.WhenAll(inFlight);

        async Task MakeOneAsync(ChaosDelivery delivery)
        {
            try
            {
                await DeliverAsync(delivery, failed.Token);
                Interlocked.Increment(ref made);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await failed.CancelAsync();
                throw;
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>Makes one delivery through <see cref="Redelivery"/>: any answer but 2xx is repeated after the retry delay until the patience is spent.</summary>
    private async Task DeliverAsync(ChaosDelivery delivery, CancellationToken cancellationToken)
    {
        var outcome = await Redelivery.UntilAcceptedAsync(
            async ct => new DeliveryAnswer(await delivery.SendAsync(ct)),
            (_, _, elapsed) => elapsed > patience ? null : retryDelay,
            TimeProvider.System,
            cancellationToken);
        if (delivery.IsWebhook)
        {
            Interlocked.Add(ref _retriedWhileDown, outcome.RetriesWhileUnreachable);
            if (outcome.Accepted)
            {
                Interlocked.Increment(ref _accepted);
            }
        }

        if (!outcome.Accepted)
        {
            problem($"A delivery about {delivery.Record} was not accepted within {patience.TotalMinutes} minutes (last status {outcome.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "unreachable"}).");
        }
    }
}
