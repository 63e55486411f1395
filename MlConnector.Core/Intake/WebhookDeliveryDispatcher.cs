using MlConnector.Core.Storage;

namespace MlConnector.Core.Intake;

/// <summary>
/// Dispatches one recorded delivery (a queue message's text) to its vendor's <see cref="IWebhookDeliveryHandler"/>: the
/// one dispatch path of both hosts (the Functions queue trigger, <c>serve</c>'s <see cref="WebhookIntakePoller"/>).
/// It throws when the dispatch fails, so the message is tried again; a message that is not a delivery or names no
/// handler throws <see cref="WebhookDeliveryException"/> and goes the same way to the poison queue, where it is kept.
/// </summary>
/// <param name="handlers">The vendors' handlers.</param>
/// <param name="blobs">The blob container (oversize bodies).</param>
/// <param name="timeProvider">The clock (receipt-to-dispatch latency).</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookDeliveryDispatcher(
    IEnumerable<IWebhookDeliveryHandler> handlers,
    BlobContainerProvider blobs,
    TimeProvider timeProvider,
    ILogger<WebhookDeliveryDispatcher> logger)
{
    private readonly IReadOnlyList<IWebhookDeliveryHandler> _handlers = [.. handlers];

    /// <summary>Reads a queue message as a delivery.</summary>
    /// <param name="message">The message text (JSON).</param>
    /// <returns>The delivery.</returns>
    /// <exception cref="WebhookDeliveryException">When the text is not a delivery.</exception>
    public static WebhookDelivery Read(string message)
    {
        try
        {
            var delivery = JsonSerializer.Deserialize(message, IntakeJsonContext.Default.WebhookDelivery);
            return delivery is { Id.Length: > 0, Vendor.Length: > 0 } && (delivery.Body is not null || delivery.BodyBlob is not null)
                ? delivery
                : throw new WebhookDeliveryException("The message lacks the delivery's id, vendor or body.");
        }
        catch (JsonException ex)
        {
            throw new WebhookDeliveryException("The message is not a webhook delivery's JSON.", ex);
        }
    }

    /// <summary>Dispatches the delivery a queue message holds.</summary>
    /// <param name="message">The message text.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>The delivery dispatched.</returns>
    /// <exception cref="WebhookDeliveryException">When the message is not a delivery or no handler serves its vendor.</exception>
    public async Task<WebhookDelivery> DispatchAsync(string message, CancellationToken cancellationToken = default)
    {
        var delivery = Read(message);
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
            return delivery;
        }

        await handler.DispatchAsync(delivery, body, cancellationToken);
        if (container is not null)
        {
            await container.GetBlobClient(delivery.BodyBlob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        LogDispatched(delivery);
        return delivery;
    }

    private void LogDispatched(WebhookDelivery delivery)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.Dispatched(delivery.Id, delivery.Vendor, (long)(timeProvider.GetUtcNow() - delivery.ReceivedAt).TotalMilliseconds);
        }
    }
}
