using System.Security.Cryptography;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Intake.ShipStation;

/// <summary>
/// Registers a connection's ShipStation webhooks through ShipStation's V1 API (<c>POST /webhooks/subscribe</c>, one per
/// event of <see cref="ShipStationWebhookEvents.All"/>), the one place that does it (the operator API and the demo call it).
/// </summary>
/// <remarks>
/// Each registration draws a fresh URL secret (32 random bytes, base64url), stores it as
/// <c>conn-{id}-shipstation-webhook-secret</c> (<see cref="ShipStationWebhookApi.SecretPurpose"/>), subscribes <c>{publicBaseUrl}api/webhooks/shipstation/{id}/{secret}</c>,
/// then removes the connection's earlier subscriptions to this host (same URL prefix, older secret), so a leaked URL
/// stops working. Deliveries to the old URL between the secret change and the removal are refused; the reconciliation
/// poll finds what they carried. V2 connections are registered in ShipStation's V2 console or API (not yet here).
/// ShipStation V1 signs nothing, hence the path secret (PROTOCOL-NOTES.md §5).
/// </remarks>
/// <param name="connections">The connection store.</param>
/// <param name="secrets">The secret store.</param>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="handlers">The integrations' ShipStation event handlers: their kinds are the kinds registered here.</param>
public sealed class ShipStationWebhookRegistration(IConnectionStore connections, ISecretStore secrets, IShipStationClient shipStation, IEnumerable<IShipStationEventHandler> handlers)
{
    private readonly Dictionary<string, IShipStationEventHandler> _handlers = IntegrationHandlerIndex.Build(handlers, h => h.IntegrationKind);

    /// <summary>The integration kinds whose ShipStation webhooks this registers: those with a registered <see cref="IShipStationEventHandler"/>.</summary>
    public IReadOnlyCollection<string> Kinds => _handlers.Keys;

    /// <summary>Registers the webhooks of one connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="publicBaseUrl">Where ShipStation reaches this host, for example <c>https://mlc.example.com/</c>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What was subscribed and how many old subscriptions were removed (URLs without the secret).</returns>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    /// <exception cref="ConnectionValidationException">When the connection is not of a kind in <see cref="Kinds"/> or uses ShipStation V2 (fields <c>kind</c>, <c>settings.shipstation.apiVersion</c>).</exception>
    /// <exception cref="Errors.ConnectorException">When ShipStation refuses a call.</exception>
    public async Task<ShipStationWebhookRegistrationResult> RegisterAsync(string connectionId, Uri publicBaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var connection = await connections.GetAsync(connectionId, cancellationToken) ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
        if (!Kinds.Contains(connection.Kind))
        {
            throw new ConnectionValidationException([new ConnectionProblem("kind", $"'{connection.Kind}' has no ShipStation webhooks to register here")]);
        }

        if (connection.GetSetting("shipstation", "apiVersion") == "v2")
        {
            throw new ConnectionValidationException([new ConnectionProblem("settings.shipstation.apiVersion", "v2 webhooks are registered in ShipStation's V2 settings; this registers V1 subscriptions")]);
        }

        var prefix = new Uri(publicBaseUrl.AbsoluteUri.EndsWith('/') ? publicBaseUrl : new Uri(publicBaseUrl.AbsoluteUri + "/"), $"api/webhooks/shipstation/{connectionId}/");
        var earlier = (await shipStation.ListWebhooksAsync(connectionId, cancellationToken))
            .Where(h => h.Url.StartsWith(prefix.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
            .ToList();

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await secrets.SetAsync(SecretName.For(connectionId, ShipStationWebhookApi.SecretPurpose), secret, cancellationToken);
        var target = new Uri(prefix, secret);
        var subscribed = new List<ShipStationRegisteredWebhook>();
        foreach (var hook in ShipStationWebhookEvents.All)
        {
            var id = await shipStation.SubscribeWebhookAsync(connectionId, target, hook, "ml-connector " + connectionId, cancellationToken);
            subscribed.Add(new ShipStationRegisteredWebhook(id, hook, prefix.AbsoluteUri + "…"));
        }

        foreach (var old in earlier)
        {
            await shipStation.UnsubscribeWebhookAsync(connectionId, old.WebHookId, cancellationToken);
        }

        return new ShipStationWebhookRegistrationResult(connectionId, subscribed, earlier.Count);
    }
}
