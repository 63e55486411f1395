using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Health;

/// <summary>
/// "Ping your real systems": for each system of a connection, the cheapest authenticated read the vendor offers, through
/// the same clients (auth, rate governors, error mapping) the syncs use, reported as checks with a fix a merchant can act on.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>qbo</b>: consent (<see cref="IOAuthTokenManager.GetTokenHealthAsync"/>), then <c>GET companyinfo/{realmId}</c>
/// (<see cref="IQuickBooksOnlineClient.GetCompanyInfoAsync"/>). QBO sends no remaining-budget headers (PROTOCOL-NOTES.md,
/// QBO "Throttling": 500/min per realm, 429 → wait 60 s), so rate headroom reports our governor's pause, if any.</item>
/// <item><b>shipstation</b>: a one-order page (<c>GET /orders?pageSize=1</c>); V1 reports <c>X-Rate-Limit-Remaining</c> /
/// <c>-Limit</c> on every response (PROTOCOL-NOTES.md, ShipStation "V1 rate limit"), read back from the key's governor;
/// webhooks: <c>GET /webhooks</c> lists the subscriptions that point at this connection's endpoint.</item>
/// <item><b>ups</b>: an OAuth client-credentials token and one address validation of a fixed address; UPS sends no
/// rate-limit headers (PROTOCOL-NOTES.md, UPS "Rate limits"); Track Alert has no account-level registration, so the
/// webhook check is the callback path secret.</item>
/// </list>
/// </remarks>
/// <param name="connections">The connection store.</param>
/// <param name="qbo">The QBO client.</param>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="ups">The UPS client.</param>
/// <param name="tokens">The OAuth token manager.</param>
/// <param name="secrets">The secret store.</param>
/// <param name="governors">The rate governors.</param>
public sealed class ConnectionTester(
    IConnectionStore connections,
    IQuickBooksOnlineClient qbo,
    IShipStationClient shipStation,
    IUpsClient ups,
    IOAuthTokenManager tokens,
    ISecretStore secrets,
    RateGovernorRegistry governors)
{
    /// <summary>The ShipStation V1 events a <c>shipstation-qbo</c> connection needs (PROTOCOL-NOTES.md §5).</summary>
    public static readonly IReadOnlyList<string> RequiredShipStationEvents = [ShipStationWebhookEvents.OrderNotify, ShipStationWebhookEvents.ShipNotify];

    /// <summary>The address validated by the UPS check: UPS's own head office, which every UPS account can validate.</summary>
    public static readonly UpsAddress ProbeAddress = new("UPS", ["55 Glenlake Pkwy NE"], "Atlanta", "GA", "30328", "US");

    /// <summary>Tests a connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>The report, or null when the connection does not exist.</returns>
    public async Task<ConnectionTestReport?> TestAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var systems = IntegrationKinds.All.TryGetValue(connection.Kind, out var definition) ? definition.Systems.Select(s => s.Code).ToList() : [];
        var checks = new List<ConnectionCheck>();
        foreach (var system in systems)
        {
            checks.AddRange(system switch
            {
                "qbo" => await TestQuickBooksOnlineAsync(connection, cancellationToken),
                "shipstation" => await TestShipStationAsync(connection, cancellationToken),
                "ups" => await TestUpsAsync(connection, cancellationToken),
                _ => [new ConnectionCheck(system, "reachability", false, $"ml-connector cannot test {system} yet.", "Nothing to do; this system has no connector yet.")],
            });
        }

        return new ConnectionTestReport(connection.Id, checks.All(c => c.Ok), checks);
    }

    private async Task<IReadOnlyList<ConnectionCheck>> TestQuickBooksOnlineAsync(Connection connection, CancellationToken cancellationToken)
    {
        const string System = "qbo";
        var checks = new List<ConnectionCheck>();
        var health = (await tokens.GetTokenHealthAsync(connection.Id, cancellationToken)).FirstOrDefault(h => h.Provider == System);
        var connect = $"open /api/oauth/qbo/connect/{connection.Id} in a browser (or run `mlconnector connect {connection.Id}`) and approve the QuickBooks company";
        if (health is null || health.Status is not (OAuthTokenStatus.Healthy or OAuthTokenStatus.HardExpiryApproaching))
        {
            var reason = health is null ? "QuickBooks Online was never connected" : $"the QuickBooks consent is {health.Status}{(health.ReconsentReason is null ? string.Empty : " (" + health.ReconsentReason + ")")}";
            checks.Add(new ConnectionCheck(System, "consent", false, Sentence(reason), $"Reconnect QuickBooks: {connect}."));
            return checks;
        }

        checks.Add(new ConnectionCheck(System, "consent", true, health.RefreshTokenHardExpiresAt is { } hard ? $"Connected; the consent must be renewed by {hard:yyyy-MM-dd}." : "Connected."));
        try
        {
            var company = await qbo.GetCompanyInfoAsync(connection.Id, cancellationToken);
            checks.Add(new ConnectionCheck(System, "credentials", true, $"Read the company record of \"{company.CompanyName}\" (realm {company.Id})."));
        }
        catch (ConnectorException ex)
        {
            checks.Add(Failed(System, ex, "Reconnect QuickBooks: " + connect + "."));
            return checks;
        }

        checks.Add(RateCheck(System, QuickBooksOnlineErrorClassifier.ConnectorCode, health.RealmId ?? string.Empty, "QuickBooks Online sends no remaining-budget headers; ml-connector keeps to 500 requests a minute per company."));
        return checks;
    }

    private async Task<IReadOnlyList<ConnectionCheck>> TestShipStationAsync(Connection connection, CancellationToken cancellationToken)
    {
        const string System = "shipstation";
        var checks = new List<ConnectionCheck>();
        var setKeys = $"in ShipStation open Settings → Account → API Settings, copy the API key and secret, and store them with `mlconnector secrets set {connection.Id} {ShipStationClient.ApiKeySecret}` and `… {ShipStationClient.ApiSecretSecret}`";
        try
        {
            var page = await shipStation.ListOrdersAsync(connection.Id, new ShipStationOrderQuery(PageSize: 1), cancellationToken);
            checks.Add(new ConnectionCheck(System, "credentials", true, $"Read one page of orders ({page.Total} in the account)."));
        }
        catch (ConnectorException ex)
        {
            checks.Add(Failed(System, ex, $"Check the ShipStation API key and secret: {setKeys}."));
            return checks;
        }

        checks.Add(RateCheck(System, ShipStationClient.Connector, connection.Id, "ShipStation sent no rate-limit headers."));
        try
        {
            var endpoint = $"/api/webhooks/shipstation/{connection.Id}/";
            var hooks = await shipStation.ListWebhooksAsync(connection.Id, cancellationToken);
            var ours = hooks.Where(h => h.Url.Contains(endpoint, StringComparison.Ordinal)).Select(h => h.HookType).ToHashSet(StringComparer.Ordinal);
            var missing = RequiredShipStationEvents.Where(e => !ours.Contains(e)).ToList();
            var secret = await secrets.GetAsync(SecretName.For(connection.Id, ShipStationWebhookApi.SecretPurpose), cancellationToken);
            checks.Add(missing.Count == 0 && secret is { Length: > 0 }
                ? new ConnectionCheck(System, "webhooks", true, $"Subscribed to {string.Join(", ", ours.Order(StringComparer.Ordinal))}.")
                : new ConnectionCheck(
                    System,
                    "webhooks",
                    false,
                    secret is { Length: > 0 } ? $"Not subscribed to {string.Join(", ", missing)}; new orders arrive only through the 15-minute reconciliation." : "The connection has no webhook URL secret yet.",
                    $"Register the webhooks: `mlconnector webhooks register {connection.Id}`."));
        }
        catch (ConnectorException ex)
        {
            checks.Add(Failed(System, ex, "Try again; if it persists, register the webhooks again with `mlconnector webhooks register " + connection.Id + "`.") with { Check = "webhooks" });
        }

        return checks;
    }

    private async Task<IReadOnlyList<ConnectionCheck>> TestUpsAsync(Connection connection, CancellationToken cancellationToken)
    {
        const string System = "ups";
        var checks = new List<ConnectionCheck>();
        try
        {
            var validation = await ups.ValidateAddressAsync(connection.Id, ProbeAddress, cancellationToken: cancellationToken);
            checks.Add(new ConnectionCheck(System, "credentials", true, $"Got a token and validated an address ({validation.Classification})."));
        }
        catch (ConnectorException ex)
        {
            checks.Add(Failed(System, ex, $"Check the UPS account: the app's client id and secret (OAuth:Providers:ups) and the shipper number, stored with `mlconnector secrets set {connection.Id} {UpsClient.ShipperNumberSecret}`."));
            return checks;
        }

        checks.Add(new ConnectionCheck(System, "rate-limit", true, "UPS publishes no rate limits and sends no rate-limit headers; ml-connector backs off on 429."));
        var secret = await secrets.GetAsync(SecretName.For(connection.Id, UpsShippingNames.TrackAlertSecretPurpose), cancellationToken);
        checks.Add(secret is { Length: > 0 }
            ? new ConnectionCheck(System, "webhooks", true, "The Track Alert callback URL has its secret; packages are subscribed as they ship.")
            : new ConnectionCheck(System, "webhooks", false, "The Track Alert callback URL has no secret, so UPS cannot push tracking updates (the 2-hourly poll still runs).", $"Register the webhooks: `mlconnector webhooks register {connection.Id}`."));
        return checks;
    }

    private ConnectionCheck RateCheck(string system, string connector, string key, string noHeaders)
    {
        var governor = governors.GetGovernor(connector, key.Length > 0 ? key : "-");
        if (governor.PausedUntil is { } until)
        {
            return new ConnectionCheck(system, "rate-limit", false, $"The vendor throttled us; calls wait until {until:HH:mm:ss} UTC.", "Nothing to do: work resumes by itself. If it happens often, spread the load or ask the vendor for a higher limit.");
        }

        return governor.LastReported is { } headroom
            ? new ConnectionCheck(system, "rate-limit", headroom.Remaining > 0, $"{headroom.Remaining}{(headroom.Limit is { } limit ? " of " + limit.ToString(CultureInfo.InvariantCulture) : string.Empty)} requests left in the current window.", headroom.Remaining > 0 ? null : "Nothing to do: work waits for the window to reset.")
            : new ConnectionCheck(system, "rate-limit", true, noHeaders);
    }

    private static ConnectionCheck Failed(string system, ConnectorException ex, string credentialFix) => ex.Kind switch
    {
        ErrorKind.NeedsReconsent => new ConnectionCheck(system, "credentials", false, "The vendor refused the credentials.", credentialFix),
        ErrorKind.Transient => new ConnectionCheck(system, "reachability", false, "The vendor could not be reached or answered with a server error.", "Check the vendor's status page and the connection's base URL, then test again."),
        ErrorKind.RateLimited => new ConnectionCheck(system, "rate-limit", false, "The vendor is throttling us right now.", "Nothing to do: wait a minute and test again."),
        _ => new ConnectionCheck(system, "credentials", false, $"The vendor refused the request ({ex.Kind}).", credentialFix),
    };

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";
}
