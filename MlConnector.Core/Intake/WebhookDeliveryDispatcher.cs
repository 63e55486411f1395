using MlConnector.Core.Storage;

namespace MlConnector.Core.Intake;

/// <summary>
/// Dispatches one recorded delivery (a queue message's text) to its vendor's <see cref="IWebhookDeliveryHandler"/>: the
/// one dispatch path of both hosts (the Functions queue trigger, <c>serve</c>'s <see cref="WebhookIntakePoller"/>).
/// It throws when the dispatch fails, so the message is tried again; a message that is not a delivery or names no
/// handler throws <see cref="WebhookDeliveryException"/> and goes the same way to the poison queue, where it is kept.
/// </summary>
/// <param name="handlers">The vendors' handlers.</param>
/// <param name="slots">The process's bound on deliveries dispatched at once.</param>
/// <param name="blobs">The blob container (oversize bodies).</param>
/// <param name="timeProvider">The clock (receipt-to-dispatch latency).</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookDeliveryDispatcher(
    IEnumerable<IWebhookDeliveryHandler> handlers,
    WebhookDispatchSlots slots,
    BlobContainerProvider blobs,
    TimeProvider timeProvider,
    ILogger<WebhookDeliveryDispatcher> logger)
{
    private readonly IReadOnlyList<IWebhookDeliveryHandler> _handlers = [.. handlers];

    /// <summary>Reads a queue message as one delivery (the single-delivery format).</summary>
    /// <param name="message">The message text (JSON).</param>
    /// <returns>The delivery.</returns>
    /// <exception cref="WebhookDeliveryException">When the text is not one delivery.</exception>
    public static WebhookDelivery Read(string message)
    {
        try
        {
            return Checked(JsonSerializer.Deserialize(message, IntakeJsonContext.Default.WebhookDelivery));
        }
        catch (JsonException ex)
        {
            throw new WebhookDeliveryException("The message is not a webhook delivery's JSON.", ex);
        }
    }

    /// <summary>
    /// Reads a queue message as the deliveries it holds: one (<see cref="WebhookDelivery"/>), or a group
    /// (<c>{"deliveries":[…]}</c>, written by <see cref="WebhookIntakeGroupCommit"/>).
    /// </summary>
    /// <param name="message">The message text (JSON).</param>
    /// <returns>The deliveries, at least one.</returns>
    /// <exception cref="WebhookDeliveryException">When the text is neither.</exception>
    public static IReadOnlyList<WebhookDelivery> ReadAll(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(WebhookIntakeGroupCommit.GroupProperty, out var group))
            {
                var deliveries = group.Deserialize(IntakeJsonContext.Default.WebhookDeliveryArray);
                return deliveries is { Length: > 0 }
                    ? [.. deliveries.Select(Checked)]
                    : throw new WebhookDeliveryException("The group message holds no delivery.");
            }

            return [Checked(document.RootElement.Deserialize(IntakeJsonContext.Default.WebhookDelivery))];
        }
        catch (JsonException ex)
        {
            throw new WebhookDeliveryException("The message is not a webhook delivery's JSON.", ex);
        }
    }

    /// <summary>
    /// Dispatches the deliveries a queue message holds; a group's at once, as the poller dispatches separate messages, each
    /// within the process's <see cref="WebhookDispatchSlots"/> (at most <see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/>). Every
    /// delivery of a group is tried; when any fails, this throws once the others are done, so the whole message is tried
    /// again (the deliveries already dispatched are deduped by their handlers, as any redelivery is) — with <see cref="WebhookDeliveryException"/> only when every failure
    /// was one (the message then goes to the poison queue and a replay dispatches the group again).
    /// </summary>
    /// <param name="message">The message text.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>The deliveries dispatched.</returns>
    /// <exception cref="WebhookDeliveryException">When the message is not a delivery or no handler serves its vendor.</exception>
    public async Task<IReadOnlyList<WebhookDelivery>> DispatchAsync(string message, CancellationToken cancellationToken = default)
    {
        var deliveries = ReadAll(message);
        if (deliveries.Count == 1)
        {
            await slots.RunAsync(WebhookDispatchSlots.ConnectionOf(deliveries[0]), () => DispatchOneAsync(deliveries[0], cancellationToken), cancellationToken);
            return deliveries;
        }

        var outcomes = await Task.WhenAll(deliveries.Select(TryDispatchAsync));
        var failures = outcomes.OfType<Exception>().ToList();
        if (failures.Count == 0)
        {
            return deliveries;
        }

        var what = $"{failures.Count} of the {deliveries.Count} deliveries of a group message failed to dispatch: {failures[0].Message}";
        throw failures.TrueForAll(f => f is WebhookDeliveryException)
            ? new WebhookDeliveryException(what, new AggregateException(failures))
            : new AggregateException(what, failures);

        async Task<Exception?> TryDispatchAsync(WebhookDelivery delivery)
        {
            try
            {
                await slots.RunAsync(WebhookDispatchSlots.ConnectionOf(delivery), () => DispatchOneAsync(delivery, cancellationToken), cancellationToken);
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return ex;
            }
        }
    }

    private static WebhookDelivery Checked(WebhookDelivery? delivery) =>
        delivery is { Id.Length: > 0, Vendor.Length: > 0 } && (delivery.Body is not null || delivery.BodyBlob is not null)
            ? delivery
            : throw new WebhookDeliveryException("The message lacks the delivery's id, vendor or body.");

    private async Task DispatchOneAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var handler = _handlers.FirstOrDefault(h => string.Equals(h.Vendor, delivery.Vendor, StringComparison.Ordinal))
            ?? throw new WebhookDeliveryException($"No webhook handler serves vendor '{delivery.Vendor}'.");
        var container = delivery.BodyBlob is null ? null : await blobs.GetAsync(cancellationToken);
        byte[] body;
        try
        {
            body = delivery.Body ?? (await container!.GetBlobClient(delivery.BodyBlob).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The blob is deleted only after a successful dispatch: this is a redelivery of a dispatched message.
            LogDispatched(delivery);
            return;
        }

        await handler.DispatchAsync(delivery, body, cancellationToken);
        if (container is not null)
        {
            await container.GetBlobClient(delivery.BodyBlob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        LogDispatched(delivery);
    }

    private void LogDispatched(WebhookDelivery delivery)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.Dispatched(delivery.Id, delivery.Vendor, (long)(timeProvider.GetUtcNow() - delivery.ReceivedAt).TotalMilliseconds);
        }
    }
}
