using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// <c>mlconnector serve</c>'s dispatcher: a hosted poller of the delivery queue, the counterpart of the Functions app's
/// queue trigger. It keeps the process's dispatch slots busy (<see cref="WebhookDispatchSlots"/>,
/// <see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/>): whenever a slot is idle it receives as many messages as
/// slots are idle (at most 32 per receive), without waiting for the messages it already holds. Each received message is
/// invisible to other processes (<see cref="WebhookIntakeOptions.VisibilityTimeout"/>, renewed while it waits or is
/// dispatched: <see cref="WebhookMessageLease"/>) and deleted once its own dispatch is done. A failed dispatch leaves its
/// message to reappear; at its <see cref="WebhookIntakeOptions.MaxAttempts"/>th attempt it moves to the poison queue instead
/// (sent before deleted, so never lost). A process that dies mid-dispatch loses nothing: its messages reappear after the
/// visibility timeout.
/// </summary>
/// <remarks>
/// <para>
/// The Functions queue trigger fetches a new batch (<c>batchSize</c>) once the messages it is processing drop to
/// <c>newBatchThreshold</c>, so it holds at most <c>batchSize + newBatchThreshold</c> (host.json <c>extensions.queues</c>,
/// learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json). This poller is that trigger with
/// the threshold counted in deliveries rather than messages (a group message holds many): a new receive as soon as fewer
/// than <see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/> deliveries are dispatching and none waiting could take the
/// idle slot (every slot freed is taken by a waiting delivery first, so idle slots mean the held messages cannot use them:
/// their connections are at their share, <see cref="WebhookIntakeOptions.MaxConcurrentDispatchesPerConnection"/>). It holds
/// at most twice <see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/> messages (32 by default, the earlier batch; the
/// trigger's 16 + 16 on two cores), which bounds their lease renewals: one connection whose backlog fills that window keeps
/// the others waiting in the queue until its deliveries finish.
/// </para>
/// <para>
/// While the record writes are under pressure (<see cref="WebhookIntakeAdmission.IsUnderPressure"/>) it keeps a quarter of
/// the slots busy, after a 100 ms pause per receive, so the request path goes first. Idle, it backs off: each empty poll
/// doubles the wait from <see cref="WebhookIntakeOptions.MinPollInterval"/> up to <see cref="WebhookIntakeOptions.MaxPollInterval"/>
/// (one storage read every 5 s by default), and a delivery this process records wakes it at once (<see cref="WebhookIntakeSignal"/>).
/// A message is never dispatched twice by one process: should it be received again while still held (its lease was lost and
/// it reappeared), the holder keeps dispatching it and the new receipt only replaces the lost one.
/// </para>
/// </remarks>
/// <param name="queues">The delivery and poison queues.</param>
/// <param name="dispatcher">Dispatches one message's deliveries.</param>
/// <param name="slots">The process's dispatch slots (how many are idle).</param>
/// <param name="signal">Wakes the poller when this process records a delivery.</param>
/// <param name="admission">Says when the record writes are under pressure (dispatch then slows down).</param>
/// <param name="options">The intake settings.</param>
/// <param name="timeProvider">The clock (waits).</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookIntakePoller(
    WebhookIntakeQueues queues,
    WebhookDeliveryDispatcher dispatcher,
    WebhookDispatchSlots slots,
    WebhookIntakeSignal signal,
    WebhookIntakeAdmission admission,
    IOptions<WebhookIntakeOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookIntakePoller> logger) : BackgroundService
{
    private const int MaxReceive = 32;
    private static readonly TimeSpan ThrottlePause = TimeSpan.FromMilliseconds(100);
    private readonly WebhookIntakeOptions _options = options.Value;
    private readonly Dictionary<string, HeldMessage> _held = new(StringComparer.Ordinal);
    private readonly WebhookIntakeSignal _finished = new();

    /// <summary>Messages this process holds now (received, not yet deleted or given up).</summary>
    public int Held
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    private int MaxHeld => 2 * _options.MaxConcurrentDispatches;

    private int ThrottledTarget => Math.Max(1, _options.MaxConcurrentDispatches / 4);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.DispatchDelay > TimeSpan.Zero)
        {
            logger.DispatchHeld((long)_options.DispatchDelay.TotalMilliseconds);
            await Task.Delay(_options.DispatchDelay, timeProvider, stoppingToken);
        }

        try
        {
            await PollAsync(stoppingToken);
        }
        finally
        {
            // Stopping: the held dispatches see the same token; wait for them so every lease is stopped before the host ends.
            await WhenAllFinishedAsync();
        }
    }

    /// <summary>Receives once, as many messages as slots are idle (at most 32), and starts dispatching them.</summary>
    /// <param name="cancellationToken">Cancels the poll and the dispatches it starts.</param>
    /// <returns>How many messages were received; their dispatches go on (<see cref="WhenAllFinishedAsync"/>).</returns>
    internal async Task<int> ReceiveOnceAsync(CancellationToken cancellationToken)
    {
        // Dispatch competes with the acknowledgements for the same storage: while record writes are under pressure, keep a
        // quarter of the slots busy, after a short pause, so the request path goes first.
        var target = _options.MaxConcurrentDispatches;
        if (admission.IsUnderPressure)
        {
            target = ThrottledTarget;
            logger.DispatchThrottled(target, (long)ThrottlePause.TotalMilliseconds);
            await Task.Delay(ThrottlePause, timeProvider, cancellationToken);
        }

        var count = Math.Min(MaxReceive, Math.Min(target - slots.Running, MaxHeld - Held));
        if (count <= 0)
        {
            return 0;
        }

        var queue = await queues.GetDeliveriesAsync(cancellationToken);
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(count, _options.VisibilityTimeout, cancellationToken)).Value;
        foreach (var message in messages)
        {
            // Leased from its receipt, while it waits for slots too, until its dispatch is done (a dispatch may outlast the
            // visibility timeout). Started here, so its deliveries take their idle slots before the next count of them.
            var lease = WebhookMessageLease.Start(queue, message, _options.VisibilityTimeout, timeProvider, logger, cancellationToken);
            HeldMessage? held;
            lock (_held)
            {
                if (_held.TryGetValue(message.MessageId, out var holder))
                {
                    holder.Replace(lease);
                    continue;
                }

                held = new HeldMessage(message, lease);
                _held.Add(message.MessageId, held);
            }

            held.Dispatch = DispatchHeldAsync(held, cancellationToken);
        }

        return messages.Length;
    }

    /// <summary>Waits until every message this poller holds has been dispatched (or given up) and its lease stopped.</summary>
    /// <returns>A task that completes when none is held.</returns>
    internal async Task WhenAllFinishedAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_held)
            {
                running = [.. _held.Values.Select(h => h.Dispatch ?? Task.CompletedTask)];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Wait for an idle slot the held messages cannot take, and room to hold another message.
            var released = slots.NextRelease;
            var finished = _finished.Next;
            if (slots.Running >= _options.MaxConcurrentDispatches || Held >= MaxHeld)
            {
                await Task.WhenAny(released, finished).WaitAsync(stoppingToken);
                continue;
            }

            var recorded = signal.Next;
            int received;
            try
            {
                received = await ReceiveOnceAsync(stoppingToken);
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

            if (admission.IsUnderPressure && slots.Running >= ThrottledTarget)
            {
                // Throttled, not idle: wait for one of the running dispatches to free its slot.
                await Task.WhenAny(released, finished).WaitAsync(stoppingToken);
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

    private async Task DispatchHeldAsync(HeldMessage held, CancellationToken cancellationToken)
    {
        try
        {
            await DispatchOneAsync(held, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The poison move or the delete failed (storage): the message reappears after its visibility timeout.
            var (id, vendor) = Describe(held.Message);
            logger.DispatchFailed(ex, id, vendor, held.Message.DequeueCount, _options.MaxAttempts);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the message reappears after its visibility timeout.
        }
        finally
        {
            // No longer held first, so a receipt that comes later is a new holding, not one this disposal would miss.
            lock (_held)
            {
                _held.Remove(held.Message.MessageId);
            }

            await held.DisposeAsync();
            _finished.Notify();
        }
    }

    private async Task DispatchOneAsync(HeldMessage held, CancellationToken cancellationToken)
    {
        var message = held.Message;
        if (message.DequeueCount > _options.MaxAttempts)
        {
            // Its earlier attempts never finished (the process died each time): keep it rather than try forever.
            await MoveToPoisonAsync(held, cancellationToken);
            return;
        }

        try
        {
            await dispatcher.DispatchAsync(message.MessageText, cancellationToken);
            await held.DeleteMessageAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (held.Lease.Lost && WebhookMessageLease.IsStale(ex))
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
                await MoveToPoisonAsync(held, cancellationToken);
            }
        }
    }

    private async Task MoveToPoisonAsync(HeldMessage held, CancellationToken cancellationToken)
    {
        var message = held.Message;
        var poison = await queues.GetPoisonAsync(cancellationToken);
        await poison.SendMessageAsync(message.MessageText, cancellationToken: cancellationToken);
        await held.DeleteMessageAsync(cancellationToken);
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

    /// <summary>A message this poller holds: its receipt, its dispatch and the lease that keeps it invisible meanwhile.</summary>
    private sealed class HeldMessage(QueueMessage message, WebhookMessageLease lease) : IAsyncDisposable
    {
        private readonly List<WebhookMessageLease> _leases = [lease];

        public QueueMessage Message { get; } = message;

        /// <summary>The newest lease: the receipt that deletes the message.</summary>
        public WebhookMessageLease Lease
        {
            get
            {
                lock (_leases)
                {
                    return _leases[^1];
                }
            }
        }

        public Task? Dispatch { get; set; }

        /// <summary>Deletes the message with the newest receipt (one taken while an older delete was under way included).</summary>
        public async Task DeleteMessageAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var lease = Lease;
                try
                {
                    await lease.DeleteMessageAsync(cancellationToken);
                    return;
                }
                catch (RequestFailedException ex) when (WebhookMessageLease.IsStale(ex) && !ReferenceEquals(lease, Lease))
                {
                    // Received again meanwhile: the newer receipt deletes it.
                }
            }
        }

        /// <summary>Takes a new receipt of the same message (received again after its lease was lost) as the one to delete with.</summary>
        public void Replace(WebhookMessageLease newer)
        {
            lock (_leases)
            {
                _leases.Add(newer);
            }
        }

        public async ValueTask DisposeAsync()
        {
            WebhookMessageLease[] leases;
            lock (_leases)
            {
                leases = [.. _leases];
            }

            foreach (var each in leases)
            {
                await each.DisposeAsync();
            }
        }
    }
}
