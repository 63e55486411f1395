namespace MlConnector.Core.Intake;

/// <summary>
/// A vendor's dispatch of a recorded webhook delivery, run off the request path by <see cref="WebhookDeliveryDispatcher"/>:
/// routing, dedupe, ledger, audit and workflow starts. At least once: a delivery whose dispatch failed, or whose process
/// died mid-dispatch, is dispatched again, so a handler must be idempotent (deterministic workflow instance ids, the
/// idempotency ledger). Registered with <see cref="IntakeServiceCollectionExtensions.AddWebhookDeliveryHandler{T}"/>.
/// </summary>
public interface IWebhookDeliveryHandler
{
    /// <summary>The vendor key this handler dispatches, unique among handlers (for example <c>shipstation</c>).</summary>
    string Vendor { get; }

    /// <summary>Dispatches one delivery; throws to have it retried (and, after the attempts run out, kept as poison).</summary>
    /// <param name="delivery">The recorded delivery.</param>
    /// <param name="body">Its raw body (read from the blob when it was stored there).</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>A task that completes when the delivery is dispatched.</returns>
    Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default);
}
