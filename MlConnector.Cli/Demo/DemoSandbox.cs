using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Cli.Demo;

/// <summary>
/// Everything the ShipStation → QBO demo (and its end-to-end tests) runs against, started on loopback: an Intuit-like
/// OAuth server, the QBO and ShipStation simulators, and the standalone host over its own in-memory Azurite, with a
/// <c>shipstation-qbo</c> connection that has consented to QBO and registered its webhooks in ShipStation.
/// </summary>
internal sealed class DemoSandbox : IAsyncDisposable
{
    public const string ConnectionId = "demo-coffee";
    private const string ClientId = "mlc-demo-client";

    private const string TaxItemJson = """
        {"QueryResponse":{"Item":[{"Id":"100","SyncToken":"0","Name":"Sales Tax Collected by Store","Type":"Service","Active":true,"IncomeAccountRef":{"value":"1","name":"Sales of Product Income"}}]}}
        """;

    private DemoSandbox(OAuthServerSimulator idp, QuickBooksOnlineSimulator qbo, ShipStationSimulator shipStation, StandaloneHost host, string realmId)
    {
        Idp = idp;
        Qbo = qbo;
        ShipStation = shipStation;
        Host = host;
        RealmId = realmId;
    }

    public OAuthServerSimulator Idp { get; }

    public QuickBooksOnlineSimulator Qbo { get; }

    public ShipStationSimulator ShipStation { get; }

    public StandaloneHost Host { get; }

    public string RealmId { get; }

    public static async Task<DemoSandbox> StartAsync(Action<string> step, CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null)
    {
        var apiKey = "demo-key-" + Token(6);
        var apiSecret = Token(24);
        var clientSecret = Token(24);
        var webhookSecret = Token(24);

        step("Starting the Intuit OAuth, QuickBooks Online and ShipStation simulators");
        var idp = await OAuthServerSimulator.StartAsync(cancellationToken: cancellationToken);
        QuickBooksOnlineSimulator? qbo = null;
        ShipStationSimulator? shipStation = null;
        StandaloneHost? host = null;
        try
        {
            idp.RegisterClient(ClientId, clientSecret);
            qbo = await QuickBooksOnlineSimulator.StartAsync(idp.IsAccessTokenValid, cancellationToken: cancellationToken);
            shipStation = await ShipStationSimulator.StartAsync(cancellationToken: cancellationToken);
            shipStation.RegisterCredentials(apiKey, apiSecret);

            step("Starting Azurite and ml-connector (standalone host)");
            var port = LoopbackPort.FindFree();
            var baseUrl = $"http://127.0.0.1:{port}/";
            host = await StandaloneHost.StartAsync(
                new ServeSettings(baseUrl.TrimEnd('/'), AzuriteDataDirectory: null),
                [],
                builder =>
                {
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Secrets:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), "mlconnector-demo-keys-" + Token(4)),
                        ["OAuth:Providers:qbo:AuthorizeEndpoint"] = idp.AuthorizeEndpoint.ToString(),
                        ["OAuth:Providers:qbo:TokenEndpoint"] = idp.TokenEndpoint.ToString(),
                        ["OAuth:Providers:qbo:RedirectUri"] = baseUrl + "api/oauth/qbo/callback",
                        ["OAuth:Providers:qbo:ClientId"] = ClientId,
                        ["OAuth:Providers:qbo:ClientSecretName"] = "qbo-client-secret",
                        ["OAuth:Providers:qbo:Scopes:0"] = "com.intuit.quickbooks.accounting",

                        // ShipStation V2 deliveries are signed with the simulator's key, published at its JWKS.
                        ["Connectors:ShipStation:V2JwksUrl"] = shipStation.JwksUri.ToString(),

                        // The demo tells its own story; the host's logs (retries, expected 409s on duplicate starts) stay quiet.
                        ["Logging:LogLevel:Default"] = "Error",
                        ["Logging:LogLevel:Microsoft"] = "Error",
                        ["Logging:LogLevel:Polly"] = "Error",
                        ["Logging:LogLevel:Azure"] = "Error",
                        ["Logging:LogLevel:MlConnector.Core.Workflows"] = "Critical",
                    });
                    configure?.Invoke(builder);
                },
                cancellationToken);
            var services = host.Services;
            var secrets = services.GetRequiredService<ISecretStore>();
            await secrets.SetAsync("qbo-client-secret", clientSecret, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-key"), apiKey, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-secret"), apiSecret, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, ShipStationQboNames.WebhookSecretPurpose), webhookSecret, cancellationToken);

            step("Creating the demo connection and connecting QuickBooks Online (OAuth consent)");
            var connections = services.GetRequiredService<IConnectionStore>();
            await connections.CreateAsync(Connection(shipStation.BaseAddress, qbo.BaseAddress), cancellationToken);
            using (var browser = new HttpClient { BaseAddress = new Uri(baseUrl) })
            {
                using var consent = await browser.GetAsync(new Uri($"api/oauth/qbo/connect/{ConnectionId}", UriKind.Relative), cancellationToken);
                if (!consent.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"QBO consent failed with HTTP {(int)consent.StatusCode}.");
                }
            }

            var realmId = (await connections.GetAsync(ConnectionId, cancellationToken))!.GetSetting("qbo", "realmId")
                ?? throw new InvalidOperationException("The OAuth callback did not record the QBO realmId.");
            qbo.SeedDemoCatalog(realmId);
            qbo.Seed(realmId, TaxItemJson);

            step("Registering ml-connector's webhooks in ShipStation through its API");
            var shipStationClient = services.GetRequiredService<IShipStationClient>();
            var hookUrl = new Uri($"{baseUrl}api/webhooks/shipstation/{ConnectionId}/{webhookSecret}");
            foreach (var hook in new[] { ShipStationWebhookEvents.OrderNotify, ShipStationWebhookEvents.ShipNotify })
            {
                await shipStationClient.SubscribeWebhookAsync(ConnectionId, hookUrl, hook, "ml-connector demo", cancellationToken);
            }

            return new DemoSandbox(idp, qbo, shipStation, host, realmId);
        }
        catch
        {
            await DisposeAllAsync(host, shipStation, qbo, idp);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(Host, ShipStation, Qbo, Idp);

    /// <summary>The demo connection: SKUs and shipping methods mapped to the simulator's demo catalog.</summary>
    public static Connection Connection(Uri shipStation, Uri qbo) => new()
    {
        Id = ConnectionId,
        Kind = IntegrationKinds.ShipStationQbo,
        DisplayName = "Demo Coffee Roasters",
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["shipstation"] = new Dictionary<string, string> { ["apiVersion"] = "v1", ["baseUrl"] = shipStation.ToString() },
            ["qbo"] = new Dictionary<string, string> { ["environment"] = "sandbox", ["baseUrl"] = qbo.ToString() },
        },
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [ShipStationQboNames.SkuMapping] = new Dictionary<string, string>
            {
                ["MUG-12-WHT"] = "3", ["MUG-16-BLK"] = "4", ["KIT-POUR-01"] = "5", ["BEAN-1LB-HOUSE"] = "6", ["TUMBLER-20-SS"] = "7", ["FILTER-100"] = "8",
            },
            [ShipStationQboNames.ShippingMethodMapping] = new Dictionary<string, string> { ["UPS Ground"] = "1", ["UPS 2nd Day Air"] = "2" },
            [ShipStationQboNames.DefaultsMapping] = new Dictionary<string, string>
            {
                [ShipStationQboNames.ShippingItemKey] = "1",
                [ShipStationQboNames.TaxItemKey] = "100",
            },
        },
        Schedules = new Dictionary<string, string> { ["reconcile"] = "*/15 * * * *" },
    };

    private static async ValueTask DisposeAllAsync(params IAsyncDisposable?[] parts)
    {
        foreach (var part in parts)
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }
    }

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
