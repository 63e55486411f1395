using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Sandbox.SpsCommerce;
using MlConnector.Sandbox.Ups;

namespace MlConnector.Cli.Demo;

/// <summary>
/// Everything the demo (and its end-to-end tests) runs against, started on loopback: an Intuit-like OAuth server, the QBO,
/// ShipStation and UPS simulators, and the standalone host over its own in-memory Azurite, with two connections that
/// consented to QBO, each on its own company (realm) of the one QBO simulator: <c>shipstation-qbo</c>, which registered
/// its webhooks in ShipStation (ORDER_NOTIFY, SHIP_NOTIFY and FULFILLMENT_SHIPPED), and <c>qbo-ups</c>, which posts UPS costs as bills to the seeded UPS vendor and Freight In
/// account. The QBO simulator's webhooks go to the host's <c>/api/webhooks/qbo</c>, signed with the verifier token the
/// host reads; the UPS simulator's Track Alert pushes go to the host's callback with the connection's path secret and
/// the UPS client id as <c>x-api-key</c>.
/// </summary>
internal sealed class DemoSandbox : IAsyncDisposable
{
    public const string ConnectionId = "demo-coffee";

    /// <summary>The <c>qbo-ups</c> connection of Demo Outfitters.</summary>
    public const string QboUpsConnectionId = "demo-outfitters";

    /// <summary>ml-connector's client id at the UPS simulator: the <c>ups</c> OAuth provider's, and the <c>x-api-key</c> of Track Alert pushes.</summary>
    public const string UpsClientId = "mlc-demo-ups-client";

    private const string ClientId = "mlc-demo-client";

    private const string TaxItemJson = """
        {"QueryResponse":{"Item":[{"Id":"100","SyncToken":"0","Name":"Sales Tax Collected by Store","Type":"Service","Active":true,"IncomeAccountRef":{"value":"1","name":"Sales of Product Income"}}]}}
        """;

    private DemoSandbox(OAuthServerSimulator idp, QuickBooksOnlineSimulator qbo, ShipStationSimulator shipStation, UpsSimulator ups, SpsCommerceSimulator sps, StandaloneHost host, string realmId, string upsRealmId)
    {
        Sps = sps;
        Idp = idp;
        Qbo = qbo;
        ShipStation = shipStation;
        Ups = ups;
        Host = host;
        RealmId = realmId;
        UpsRealmId = upsRealmId;
    }

    public OAuthServerSimulator Idp { get; }

    public QuickBooksOnlineSimulator Qbo { get; }

    public ShipStationSimulator ShipStation { get; }

    public UpsSimulator Ups { get; }

    /// <summary>The SPS Commerce simulator (the <c>qbo-sps</c> phase's retailers).</summary>
    public SpsCommerceSimulator Sps { get; }

    public StandaloneHost Host { get; }

    /// <summary>The QBO company of the <c>shipstation-qbo</c> connection.</summary>
    public string RealmId { get; }

    /// <summary>The QBO company of the <c>qbo-ups</c> connection.</summary>
    public string UpsRealmId { get; }

    /// <summary>Where the vendors deliver webhooks, with what the bench needs to send valid ones itself.</summary>
    public DemoWebhookTargets Webhooks { get; private init; } = null!;

    public static async Task<DemoSandbox> StartAsync(Action<string> step, CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null)
    {
        var apiKey = "demo-key-" + Token(6);
        var apiSecret = Token(24);
        var clientSecret = Token(24);
        var upsClientSecret = Token(24);
        var shipperNumber = Token(3).ToUpperInvariant();
        var trackAlertSecret = Token(24);
        var verifierToken = Guid.NewGuid().ToString();

        var spsClientSecret = Token(24);
        step("Starting the Intuit OAuth, QuickBooks Online, ShipStation, UPS and SPS Commerce simulators");
        var idp = await OAuthServerSimulator.StartAsync(cancellationToken: cancellationToken);
        QuickBooksOnlineSimulator? qbo = null;
        ShipStationSimulator? shipStation = null;
        UpsSimulator? ups = null;
        SpsCommerceSimulator? sps = null;
        StandaloneHost? host = null;
        try
        {
            idp.RegisterClient(ClientId, clientSecret);
            qbo = await QuickBooksOnlineSimulator.StartAsync(idp.IsAccessTokenValid, cancellationToken: cancellationToken);
            shipStation = await ShipStationSimulator.StartAsync(cancellationToken: cancellationToken);
            shipStation.RegisterCredentials(apiKey, apiSecret);
            ups = await UpsSimulator.StartAsync(cancellationToken: cancellationToken);
            ups.RegisterClient(UpsClientId, upsClientSecret, shipperNumber);
            sps = await SpsCommerceSimulator.StartAsync(cancellationToken: cancellationToken);
            sps.RegisterClient(QboSpsDemoPhase.SpsClientId, spsClientSecret);

            step("Starting Azurite and ml-connector (standalone host)");
            host = await LoopbackPort.StartOnFreePortAsync(port =>
            {
                var baseUrl = $"http://127.0.0.1:{port}/";
                return StandaloneHost.StartAsync(
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

                            // UPS client credentials at the simulator's token endpoint; the shipper number goes as x-merchant-id.
                            ["OAuth:Providers:ups:TokenEndpoint"] = ups.TokenEndpoint.ToString(),
                            ["OAuth:Providers:ups:ClientId"] = UpsClientId,
                            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",

                            // ShipStation V2 deliveries are signed with the simulator's key, published at its JWKS.
                            ["Connectors:ShipStation:V2JwksUrl"] = shipStation.JwksUri.ToString(),

                            // The demo runs reconciliation and CDC itself, at the moments it reports on; the host's own 15-minute
                            // passes would race it on long runs (--orders 1000) and take its finds. Once a year they stay out.
                            ["Schedules:ShipStationQboReconcile"] = "0 0 0 1 1 *",
                            ["Schedules:QboChangeReconcile"] = "0 0 0 1 1 *",

                            // The demo tells its own story; the host's logs (retries, expected 409s on duplicate starts) stay quiet.
                            ["Logging:LogLevel:Default"] = "Error",
                            ["Logging:LogLevel:Microsoft"] = "Error",
                            ["Logging:LogLevel:Polly"] = "Error",
                            ["Logging:LogLevel:Azure"] = "Error",
                            ["Logging:LogLevel:DurableTask"] = "Error",
                            ["Logging:LogLevel:MlConnector.Core.Workflows"] = "Critical",

                            // What the host still logs goes to stderr, so stdout carries only the report (`--json` stays parseable).
                            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
                        });
                        builder.Configuration.AddInMemoryCollection(FreshBooksUpsDemoPhase.HostSettings(idp, baseUrl));
                        builder.Configuration.AddInMemoryCollection(QboSpsDemoPhase.HostSettings(sps));
                        configure?.Invoke(builder);
                    },
                    cancellationToken);
            });
            var baseUrl = host.BaseAddress.ToString();
            var services = host.Services;
            var secrets = services.GetRequiredService<ISecretStore>();
            await secrets.SetAsync("qbo-client-secret", clientSecret, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-key"), apiKey, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-secret"), apiSecret, cancellationToken);
            await secrets.SetAsync("ups-client-secret", upsClientSecret, cancellationToken);
            await secrets.SetAsync(QboSpsDemoPhase.SpsClientSecretName, spsClientSecret, cancellationToken);
            await secrets.SetAsync(SecretName.For(QboUpsConnectionId, QboUpsNames.ShipperNumberPurpose), shipperNumber, cancellationToken);
            await secrets.SetAsync(SecretName.For(QboUpsConnectionId, UpsShippingNames.TrackAlertSecretPurpose), trackAlertSecret, cancellationToken);
            await secrets.SetAsync(services.GetRequiredService<IOptions<QboEventsOptions>>().Value.VerifierTokenName, verifierToken, cancellationToken);

            step("Creating the demo connections and connecting each to its QuickBooks Online company (OAuth consent)");
            var connections = services.GetRequiredService<IConnectionStore>();
            await connections.CreateAsync(Connection(shipStation.BaseAddress, qbo.BaseAddress), cancellationToken);
            await connections.CreateAsync(QboUpsConnection(qbo.BaseAddress, ups.ApiBaseAddress), cancellationToken);
            var realmId = await ConsentAsync(baseUrl, ConnectionId, connections, cancellationToken);
            var upsRealmId = await ConsentAsync(baseUrl, QboUpsConnectionId, connections, cancellationToken);
            qbo.SeedDemoCatalog(realmId);
            qbo.Seed(realmId, TaxItemJson);
            qbo.Seed(upsRealmId, QboUpsDemoCatalog.ChartOfAccountsJson());

            step("Pointing QuickBooks Online webhooks and UPS Track Alert at ml-connector");
            qbo.ConfigureWebhooks(new Uri($"{baseUrl}api/webhooks/qbo"), verifierToken);
            ups.ConfigureTrackAlertWebhook(new Uri($"{baseUrl}api/webhooks/ups/{QboUpsConnectionId}/{trackAlertSecret}"), UpsClientId);

            step("Registering ml-connector's webhooks in ShipStation through its API");
            await services.GetRequiredService<ShipStationWebhookRegistration>().RegisterAsync(ConnectionId, new Uri(baseUrl), cancellationToken);

            // The registration answers URLs with the secret elided; the bench posts to the real one, as ShipStation does.
            var hookSecret = await services.GetRequiredService<ISecretStore>().GetAsync(SecretName.For(ConnectionId, ShipStationWebhookApi.SecretPurpose), cancellationToken);
            var hookUrl = new Uri($"{baseUrl}api/webhooks/shipstation/{ConnectionId}/{hookSecret}");

            return new DemoSandbox(idp, qbo, shipStation, ups, sps, host, realmId, upsRealmId)
            {
                Webhooks = new DemoWebhookTargets(
                    hookUrl,
                    new Uri($"{baseUrl}api/webhooks/ups/{QboUpsConnectionId}/{trackAlertSecret}"),
                    new Uri($"{baseUrl}api/webhooks/qbo"),
                    verifierToken),
            };
        }
        catch (Exception ex)
        {
            try
            {
                await DisposeAllAsync(host, sps, ups, shipStation, qbo, idp);
            }
            catch (Exception cleanup)
            {
                // The start's failure is what the caller needs; a part that also fails to stop must not hide it.
                throw new AggregateException("The sandbox failed to start, and stopping its parts failed too.", ex, cleanup);
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(Host, Sps, Ups, ShipStation, Qbo, Idp);

    /// <summary>Waits until the host's webhook intake has dispatched every delivery it recorded (its queue is empty).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the queue is empty.</returns>
    public async Task WaitForIntakeAsync(CancellationToken cancellationToken)
    {
        var intake = Host.Services.GetRequiredService<WebhookIntake>();
        while ((await intake.CountAsync(cancellationToken)).Pending > 0)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

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

    /// <summary>
    /// The Demo Outfitters connection: costs posted as bills to the seeded UPS vendor and charged to Freight In; UPS Ground
    /// by default, 2nd Day Air for POs that ask for it; package weights from the items' unit weights.
    /// </summary>
    public static Connection QboUpsConnection(Uri qbo, Uri ups) => new()
    {
        Id = QboUpsConnectionId,
        Kind = IntegrationKinds.QboUps,
        DisplayName = "Demo Outfitters",
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["qbo"] = new Dictionary<string, string>
            {
                ["environment"] = "sandbox",
                ["baseUrl"] = qbo.ToString(),
                ["costPosting"] = QboUpsNames.PostingBill,
                ["upsVendorId"] = QboUpsDemoCatalog.UpsVendorId,
                ["expenseAccountId"] = QboUpsDemoCatalog.FreightInAccountId,
            },
            ["ups"] = new Dictionary<string, string> { ["environment"] = "cie", ["baseUrl"] = ups.ToString(), ["serviceCode"] = QboUpsSettings.DefaultServiceCode },
        },
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [QboUpsNames.ShipMethodMapping] = QboUpsDemoCatalog.ShipMethods,
            [QboUpsNames.ItemWeightMapping] = QboUpsDemoCatalog.ItemWeights,
        },
    };

    /// <summary>Walks the merchant's browser through QBO consent for a connection and returns the company (realm) it connected.</summary>
    internal static async Task<string> ConsentAsync(string baseUrl, string connectionId, IConnectionStore connections, CancellationToken cancellationToken)
    {
        await FollowConsentAsync(new Uri(baseUrl), connectionId, cancellationToken);
        return (await connections.GetAsync(connectionId, cancellationToken))!.GetSetting("qbo", "realmId")
            ?? throw new InvalidOperationException($"The OAuth callback did not record the QBO realmId of connection {connectionId}.");
    }

    /// <summary>Follows the host's QBO consent link as the merchant's browser would (host → Intuit-like server → host callback).</summary>
    /// <param name="baseUrl">The host.</param>
    /// <param name="connectionId">The connection to consent.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>A task that completes when the callback answered.</returns>
    /// <exception cref="InvalidOperationException">When the walk ends in an error status.</exception>
    public static async Task FollowConsentAsync(Uri baseUrl, string connectionId, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient { BaseAddress = baseUrl };
        using var consent = await browser.GetAsync(new Uri($"api/oauth/qbo/connect/{connectionId}", UriKind.Relative), cancellationToken);
        if (!consent.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"QBO consent of connection {connectionId} failed with HTTP {(int)consent.StatusCode}.");
        }
    }

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
