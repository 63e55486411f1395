using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// <c>mlconnector serve</c>'s dispatcher: a hosted poller of the delivery queue, the counterpart of the Functions app's
/// queue trigger. It takes up to 32 deliveries at a time (invisible to other processes for
/// <see cref="WebhookIntakeOptions.VisibilityTimeout"/>, renewed while a message waits or is dispatched: <see cref="WebhookMessageLease"/>),
/// dispatches up to <see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/> at once and deletes each once dispatched. A failed dispatch leaves its message to reappear; at its
/// <see cref="WebhookIntakeOptions.MaxAttempts"/>th attempt it moves to the poison queue instead (sent before deleted, so
/// never lost). A process that dies mid-dispatch loses nothing: its messages reappear after the visibility timeout.
/// </summary>
/// <remarks>
/// Idle, it backs off: each empty poll doubles the wait from <see cref="WebhookIntakeOptions.MinPollInterval"/> up to
/// <see cref="WebhookIntakeOptions.MaxPollInterval"/> (one storage read every 5 s by default), and a delivery this process
/// records wakes it at once (<see cref="WebhookIntakeSignal"/>).
/// </remarks>
/// <param name="queues">The delivery and poison queues.</param>
/// <param name="dispatcher">Dispatches one delivery.</param>
/// <param name="signal">Wakes the poller when this process records a delivery.</param>
/// <param name="admission">Says when the record writes are under pressure (dispatch then slows down).</param>
/// <param name="options">The intake settings.</param>
/// <param name="timeProvider">The clock (waits).</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookIntakePoller(
    WebhookIntakeQueues queues,
    WebhookDeliveryDispatcher dispatcher,
    WebhookIntakeSignal signal,
    WebhookIntakeAdmission admission,
    IOptions<WebhookIntakeOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookIntakePoller> logger) : BackgroundService
{
    private const int BatchSize = 32;
    private static readonly TimeSpan ThrottlePause = TimeSpan.FromMilliseconds(100);
    private readonly WebhookIntakeOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.DispatchDelay > TimeSpan.Zero)
        {
            logger.DispatchHeld((long)_options.DispatchDelay.TotalMilliseconds);
            await Task.Delay(_options.DispatchDelay, timeProvider, stoppingToken);
        }

        var idle = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            var recorded = signal.Next;
            int received;
            try
            {
                received = await PollOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                idle = _options.MaxPollInterval;
                logger.PollFailed(ex, (long)idle.TotalMilliseconds);
                await Task.Delay(idle, timeProvider, stoppingToken);
                continue;
            }

            if (received > 0)
            {
                idle = TimeSpan.Zero;
                continue;
            }

            idle = idle == TimeSpan.Zero ? _options.MinPollInterval : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollInterval.Ticks));
            try
            {
                await recorded.WaitAsync(idle, timeProvider, stoppingToken);
                idle = TimeSpan.Zero;
            }
            catch (TimeoutException)
            {
                // Nothing recorded here meanwhile: poll again (another process may have recorded something).
            }
        }
    }

    /// <summary>Takes one batch and dispatches it.</summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>How many deliveries were received.</returns>
    internal async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        // Dispatch competes with the acknowledgements for the same storage: while record writes are under pressure, take a
        // quarter of the batch and of the concurrency, after a short pause, so the request path goes first.
        var batchSize = BatchSize;
        var concurrency = _options.MaxConcurrentDispatches;
        if (admission.IsUnderPressure)
        {
            batchSize = Math.Max(1, BatchSize / 4);
            concurrency = Math.Max(1, concurrency / 4);
            logger.DispatchThrottled(batchSize, (long)ThrottlePause.TotalMilliseconds);
            await Task.Delay(ThrottlePause, timeProvider, cancellationToken);
        }

        var queue = await queues.GetDeliveriesAsync(cancellationToken);
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(batchSize, _options.VisibilityTimeout, cancellationToken)).Value;
        if (messages.Length > 0)
        {
            // Every message of the batch is kept invisible from its receipt, those still waiting for a turn too, until its
            // dispatch is done (a dispatch may outlast the visibility timeout).
            var leases = messages.Select(m => WebhookMessageLease.Start(queue, m, _options.VisibilityTimeout, timeProvider, logger, cancellationToken)).ToArray();
            try
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, messages.Length),
                    new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                    (i, ct) => new ValueTask(DispatchOneAsync(messages[i], leases[i], ct)));
            }
            finally
            {
                foreach (var lease in leases)
                {
                    await lease.DisposeAsync();
                }
            }
        }

        return messages.Length;
    }

    private async Task DispatchOneAsync(QueueMessage message, WebhookMessageLease lease, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > _options.MaxAttempts)
        {
            // Its earlier attempts never finished (the process died each time): keep it rather than try forever.
            await MoveToPoisonAsync(message, lease, cancellationToken);
            return;
        }

        try
        {
            await dispatcher.DispatchAsync(message.MessageText, cancellationToken);
            await lease.DeleteMessageAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (lease.Lost && WebhookMessageLease.IsStale(ex))
        {
            // Dispatched, but another dispatcher holds the message since a renewal came too late (logged by the lease);
            // it deletes the message once its copy, deduped by the handlers, is done.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (id, vendor) = Describe(message);
            logger.DispatchFailed(ex, id, vendor, message.DequeueCount, _options.MaxAttempts);
            if (ex is WebhookDeliveryException || message.DequeueCount >= _options.MaxAttempts)
            {
                await MoveToPoisonAsync(message, lease, cancellationToken);
            }
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, WebhookMessageLease lease, CancellationToken cancellationToken)
    {
        var poison = await queues.GetPoisonAsync(cancellationToken);
        await poison.SendMessageAsync(message.MessageText, cancellationToken: cancellationToken);
        await lease.DeleteMessageAsync(cancellationToken);
        var (id, vendor) = Describe(message);
        logger.Poisoned(id, vendor, message.DequeueCount, poison.Name);
    }

    private (string Id, string Vendor) Describe(QueueMessage message)
    {
        try
        {
            var deliveries = WebhookDeliveryDispatcher.ReadAll(message.MessageText);
            return deliveries.Count == 1
                ? (deliveries[0].Id, deliveries[0].Vendor)
                : (string.Create(CultureInfo.InvariantCulture, $"{deliveries[0].Id} and {deliveries.Count - 1} more (one group message)"), string.Join(',', deliveries.Select(d => d.Vendor).Distinct(StringComparer.Ordinal)));
        }
        catch (WebhookDeliveryException ex)
        {
            logger.Unreadable(message.MessageId, ex.Message);
            return (message.MessageId, "unknown");
        }
    }
}
