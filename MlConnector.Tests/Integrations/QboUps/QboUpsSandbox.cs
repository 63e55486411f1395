using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.Ups;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// The standalone host on real Azurite with the real qbo-ups integration, an Intuit-like OAuth server, the QBO simulator
/// (signed webhooks to the host's <c>/api/webhooks/qbo</c>) and the UPS simulator (Track Alert pushes to the host's
/// callback), all on loopback; one qbo-ups connection that consented to QBO, with a UPS shipper number, a "UPS" vendor, a
/// "Freight In" expense account and an "Accrued Freight" liability seeded in its realm.
/// </summary>
internal sealed class QboUpsSandbox : IAsyncDisposable
{
    public const string ConnectionId = "qbo-ups-test";
    public const string VerifierToken = "7c1f0b1e-2f8a-4a7e-9a51-6c1a0d9b2e44";
    public const string ShipperNumber = "A1B2C3";
    public const string UpsClientId = "mlc-ups-client";
    public const string TrackAlertSecret = "ta-secret-3f9d2c";
    public const string UpsVendorId = "57";
    public const string FreightInAccountId = "80";
    public const string AccruedFreightAccountId = "81";

    private QboUpsSandbox(OAuthServerSimulator idp, QuickBooksOnlineSimulator qbo, UpsSimulator ups, StandaloneHost host, string realmId)
    {
        Idp = idp;
        Qbo = qbo;
        Ups = ups;
        Host = host;
        RealmId = realmId;
    }

    public OAuthServerSimulator Idp { get; }

    public QuickBooksOnlineSimulator Qbo { get; }

    public UpsSimulator Ups { get; }

    public StandaloneHost Host { get; }

    public string RealmId { get; }

    public IWorkflowClient Workflows => Host.Services.GetRequiredService<IWorkflowClient>();

    public UpsShipmentStore Shipments => Host.Services.GetRequiredService<UpsShipmentStore>();

    public static async Task<QboUpsSandbox> StartAsync(AzuriteFixture azurite, string costPosting = "bill", TimeProvider? upsTime = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var idp = await OAuthServerSimulator.StartAsync();
        idp.RegisterClient("mlc-client", "client-secret-value");
        var qbo = await QuickBooksOnlineSimulator.StartAsync(idp.IsAccessTokenValid);
        var ups = await UpsSimulator.StartAsync(upsTime);
        ups.RegisterClient(UpsClientId, "ups-client-secret-value", ShipperNumber);
        var host = await LoopbackPort.StartOnFreePortAsync(port =>
        {
            var settings = new Dictionary<string, string?>().WithQboOAuth(idp, port);
            settings["OAuth:Providers:ups:TokenEndpoint"] = ups.TokenEndpoint.ToString();
            settings["OAuth:Providers:ups:ClientId"] = UpsClientId;
            settings["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret";
            settings["OAuth:Providers:ups:MerchantIdHeader"] = "x-merchant-id";
            return TestHost.StartAsync(azurite, azurite.NewPrefix(), port, settings);
        });
        var secrets = host.Services.GetRequiredService<ISecretStore>();
        await secrets.SetAsync("qbo-client-secret", "client-secret-value");
        await secrets.SetAsync("ups-client-secret", "ups-client-secret-value");
        await secrets.SetAsync("qbo-webhook-verifier-token", VerifierToken);
        await secrets.SetAsync(SecretName.For(ConnectionId, QboUpsNames.ShipperNumberPurpose), ShipperNumber);
        await secrets.SetAsync(SecretName.For(ConnectionId, UpsShippingNames.TrackAlertSecretPurpose), TrackAlertSecret);
        qbo.ConfigureWebhooks(new Uri(host.BaseAddress, "api/webhooks/qbo"), VerifierToken);
        ups.ConfigureTrackAlertWebhook(new Uri(host.BaseAddress, $"api/webhooks/ups/{ConnectionId}/{TrackAlertSecret}"), UpsClientId);

        using var browser = OperatorHttp.Create(host);
        await browser.CreateConnectionAsync(new JsonObject
        {
            ["id"] = ConnectionId,
            ["kind"] = "qbo-ups",
            ["displayName"] = "Mug Works",
            ["settings"] = new JsonObject
            {
                ["qbo"] = new JsonObject
                {
                    ["baseUrl"] = qbo.BaseAddress.ToString(),
                    ["costPosting"] = costPosting,
                    ["expenseAccountId"] = FreightInAccountId,
                    ["upsVendorId"] = UpsVendorId,
                    ["journalCreditAccountId"] = AccruedFreightAccountId,
                },
                ["ups"] = new JsonObject { ["baseUrl"] = ups.ApiBaseAddress.ToString(), ["serviceCode"] = "03", ["packageWeightLbs"] = "4.5" },
            },
        });
        await browser.ConnectAsync("qbo", ConnectionId);
        var realm = (await host.Services.GetRequiredService<IConnectionStore>().GetAsync(ConnectionId))!.GetSetting("qbo", "realmId")!;
        qbo.Seed(realm, """
            {"QueryResponse":{
              "Account":[{"Id":"80","Name":"Freight In","AccountType":"Cost of Goods Sold"},{"Id":"81","Name":"Accrued Freight","AccountType":"Other Current Liability"}],
              "Item":[{"Id":"9","Name":"Clay 25 lb","Type":"NonInventory","PurchaseCost":4}],
              "Vendor":[{"Id":"56","DisplayName":"Peachtree Pottery Supply","BillAddr":{"Line1":"100 Peachtree St","City":"Atlanta","CountrySubDivisionCode":"GA","PostalCode":"30303","Country":"US"}},
                        {"Id":"57","DisplayName":"UPS"}]
            }}
            """);
        return new QboUpsSandbox(idp, qbo, ups, host, realm);
    }

    /// <summary>Creates a purchase order from the pottery supplier (logged as a Create change, so a webhook will carry it).</summary>
    public string CreatePurchaseOrder(string docNumber, string shipLine1, string shipLine2 = "")
    {
        var before = Qbo.GetEntities(RealmId, "PurchaseOrder").Count;
        Qbo.Seed(RealmId, $$$"""
            {"PurchaseOrder":{"DocNumber":"{{{docNumber}}}","TxnDate":"2026-11-23","POStatus":"Open","VendorRef":{"value":"56","name":"Peachtree Pottery Supply"},
              "VendorAddr":{"Line1":"100 Peachtree St","City":"Atlanta","CountrySubDivisionCode":"GA","PostalCode":"30303","Country":"US"},
              "ShipAddr":{"Line1":"{{{shipLine1}}}","Line2":"{{{shipLine2}}}","City":"Alpharetta","CountrySubDivisionCode":"GA","PostalCode":"30005","Country":"US"},
              "Line":[{"Amount":40,"DetailType":"ItemBasedExpenseLineDetail","ItemBasedExpenseLineDetail":{"ItemRef":{"value":"9"},"Qty":10,"UnitPrice":4}}],"TotalAmt":40}}
            """);
        return (string)Qbo.GetEntities(RealmId, "PurchaseOrder")[before]["Id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Ups.DisposeAsync();
        await Qbo.DisposeAsync();
        await Idp.DisposeAsync();
    }
}
