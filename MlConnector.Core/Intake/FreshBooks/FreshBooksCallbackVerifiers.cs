using MlConnector.Core.Secrets;
using MlConnector.Core.Webhooks;

namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>
/// The verifiers of a connection's FreshBooks callbacks, kept only in the secret store: each callback has its own
/// verifier, which is also the key FreshBooks signs that callback's deliveries with (PROTOCOL-NOTES §4). A delivery names
/// its event, not its callback, so the confirmed verifier is kept per event
/// (<c>conn-{connectionId}-freshbooks-verifier-invoice-update</c>); a verifier received but not yet confirmed with
/// FreshBooks is kept per callback id (<c>…-freshbooks-pending-verifier-{callbackId}</c>), so it never travels through the
/// delivery queue.
/// </summary>
/// <param name="secrets">The secret store.</param>
/// <param name="cache">Keeps a verifier a few seconds (re-read before a signature is refused).</param>
public sealed class FreshBooksCallbackVerifiers(ISecretStore secrets, WebhookVerifierCache cache)
{
    /// <summary>The secret name of the confirmed verifier of one event's callback.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="eventName">The event, for example <c>invoice.create</c>.</param>
    /// <returns>The secret name.</returns>
    public static string ConfirmedName(string connectionId, string eventName) =>
        SecretName.For(connectionId, "freshbooks-verifier-" + eventName.Replace('.', '-'));

    /// <summary>The secret name of a verifier received for a callback and not yet confirmed.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <returns>The secret name.</returns>
    public static string PendingName(string connectionId, long callbackId) =>
        SecretName.For(connectionId, "freshbooks-pending-verifier-" + callbackId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The confirmed verifier of an event's callback.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="eventName">The event.</param>
    /// <param name="refresh">Read the store even when a value is kept.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The verifier, or null when no callback for the event was confirmed. A secret.</returns>
    public Task<string?> GetConfirmedAsync(string connectionId, string eventName, bool refresh, CancellationToken cancellationToken = default)
    {
        var name = ConfirmedName(connectionId, eventName);
        return cache.GetAsync("secret:" + name, ct => secrets.GetAsync(name, ct), refresh, cancellationToken);
    }

    /// <summary>Keeps a verifier received for a callback until it is confirmed.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <param name="verifier">The verifier. A secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is stored.</returns>
    public Task SetPendingAsync(string connectionId, long callbackId, string verifier, CancellationToken cancellationToken = default) =>
        secrets.SetAsync(PendingName(connectionId, callbackId), verifier, cancellationToken);

    /// <summary>The verifier received for a callback and not yet confirmed.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The verifier, or null. A secret.</returns>
    public Task<string?> GetPendingAsync(string connectionId, long callbackId, CancellationToken cancellationToken = default) =>
        secrets.GetAsync(PendingName(connectionId, callbackId), cancellationToken);

    /// <summary>Forgets a pending verifier (confirmed, or refused by FreshBooks).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public Task DeletePendingAsync(string connectionId, long callbackId, CancellationToken cancellationToken = default) =>
        secrets.DeleteAsync(PendingName(connectionId, callbackId), cancellationToken);

    /// <summary>Makes a verifier FreshBooks accepted the signing key of its event's deliveries.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="eventName">The callback's event.</param>
    /// <param name="verifier">The verifier. A secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is stored.</returns>
    public async Task ConfirmAsync(string connectionId, string eventName, string verifier, CancellationToken cancellationToken = default)
    {
        var name = ConfirmedName(connectionId, eventName);
        await secrets.SetAsync(name, verifier, cancellationToken);
        await cache.GetAsync("secret:" + name, ct => secrets.GetAsync(name, ct), refresh: true, cancellationToken);
    }
}
