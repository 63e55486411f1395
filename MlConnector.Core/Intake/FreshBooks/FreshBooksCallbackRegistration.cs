using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;

namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>
/// Registers a connection's FreshBooks callbacks through the API (PROTOCOL-NOTES §4, "Webhook registration"): deletes the
/// callbacks an earlier registration left at the same URL, then creates one per event the connection's integration
/// handles (<see cref="IFreshBooksChangeHandler.Events"/>, for <c>freshbooks-ups</c> <c>invoice.create</c> and
/// <c>invoice.update</c>) at <c>{publicBaseUrl}api/webhooks/freshbooks/{connectionId}</c>. FreshBooks then POSTs each
/// callback's verifier to that URL, and <see cref="FreshBooksWebhookApi"/> confirms it with PUT.
/// </summary>
/// <param name="client">The FreshBooks client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="handlers">The integrations' event handlers (which events a kind needs).</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class FreshBooksCallbackRegistration(
    IFreshBooksClient client,
    IConnectionStore connections,
    IEnumerable<IFreshBooksChangeHandler> handlers,
    IAuditTrail audit,
    ILogger<FreshBooksCallbackRegistration> logger)
{
    /// <summary>The delivery URL of a connection.</summary>
    /// <param name="publicBaseUrl">Where FreshBooks reaches this host.</param>
    /// <param name="connectionId">The connection.</param>
    /// <returns>The URL.</returns>
    public static Uri CallbackUri(Uri publicBaseUrl, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var root = publicBaseUrl.AbsoluteUri.EndsWith('/') ? publicBaseUrl : new Uri(publicBaseUrl.AbsoluteUri + "/");
        return new Uri(root, "api/webhooks/freshbooks/" + Uri.EscapeDataString(connectionId));
    }

    /// <summary>Registers the callbacks of one connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="publicBaseUrl">Where FreshBooks reaches this host.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What was registered and removed.</returns>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    /// <exception cref="ConnectionValidationException">When the connection's kind handles no FreshBooks event.</exception>
    /// <exception cref="Errors.ConnectorException">When FreshBooks refuses.</exception>
    public async Task<FreshBooksCallbackRegistrationResult> RegisterAsync(string connectionId, Uri publicBaseUrl, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken) ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
        var handler = handlers.FirstOrDefault(h => string.Equals(h.Kind, connection.Kind, StringComparison.Ordinal))
            ?? throw new ConnectionValidationException([new ConnectionProblem("kind", $"{connection.Kind} connections receive no FreshBooks webhooks")]);
        var uri = CallbackUri(publicBaseUrl, connectionId);
        var removed = 0;
        foreach (var earlier in await client.ListCallbacksAsync(connectionId, cancellationToken))
        {
            if (string.Equals(earlier.Uri, uri.AbsoluteUri, StringComparison.Ordinal))
            {
                await client.DeleteCallbackAsync(connectionId, earlier.CallbackId, cancellationToken);
                removed++;
            }
        }

        var registered = new List<FreshBooksRegisteredCallback>();
        foreach (var eventName in handler.Events)
        {
            var callback = await client.CreateCallbackAsync(connectionId, eventName, uri, cancellationToken);
            registered.Add(new FreshBooksRegisteredCallback(eventName, callback.CallbackId));
        }

        var events = string.Join(", ", registered.Select(r => $"{r.Event} (callback {r.CallbackId.ToString(CultureInfo.InvariantCulture)})"));
        await audit.WriteAsync(new AuditRecord(connectionId, "freshbooks.callback.register", AuditOutcome.Succeeded) { Detail = $"Registered {events} at {uri.AbsoluteUri}; {removed} earlier callback(s) removed. Each is confirmed when FreshBooks delivers its verifier." }, cancellationToken);
        logger.FreshBooksCallbacksRegistered(connectionId, events, removed);
        return new FreshBooksCallbackRegistrationResult(uri.AbsoluteUri, registered, removed);
    }
}
