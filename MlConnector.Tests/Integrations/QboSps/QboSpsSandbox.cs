using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.SpsCommerce;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// The inbound half of <c>qbo-sps</c> on real parts: the SPS simulator and the QBO simulator over loopback HTTP, the real
/// SPS and QBO clients, the real idempotency ledger (Azurite tables) and document archive (Azurite blobs). Bearer tokens
/// are fixed (the token manager is tested elsewhere); the audit trail records in memory.
/// </summary>
public sealed class QboSpsSandbox : IAsyncDisposable
{
    public const string ConnectionId = "qbo-sps-acme";
    public const string RealmId = "9130354699001";
    public const string PartnerA = "SPSALLTESTID";
    public const string PartnerB = "TARGETTESTID";
    public const string VendorA = "56";
    public const string VendorB = "57";

    private const string QboToken = "qbo-test-token";
    private const string SpsToken = "sps-test-token";
    private readonly ServiceProvider _services;

    private QboSpsSandbox(ServiceProvider services, SpsCommerceSimulator sps, QuickBooksOnlineSimulator qbo, RecordingAuditTrail audit, IConnectionStore connections)
    {
        _services = services;
        Sps = sps;
        Qbo = qbo;
        Audit = audit;
        Connections = connections;
    }

    public SpsCommerceSimulator Sps { get; }

    public QuickBooksOnlineSimulator Qbo { get; }

    public RecordingAuditTrail Audit { get; }

    public IConnectionStore Connections { get; }

    public SpsOrderImporter Importer => _services.GetRequiredService<SpsOrderImporter>();

    public SpsInvoiceSender InvoiceSender => _services.GetRequiredService<SpsInvoiceSender>();

    public SpsShipNoticeSender ShipNoticeSender => _services.GetRequiredService<SpsShipNoticeSender>();

    public SpsPartnerRejectionHandler RejectionHandler => _services.GetRequiredService<SpsPartnerRejectionHandler>();

    public IServiceProvider Services => _services;

    public const string CustomerA = "71";
    public const string CustomerB = "72";

    public static async Task<QboSpsSandbox> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? items = null, string? orderPosting = null)
    {
        var time = TimeProvider.System;
        var sps = await SpsCommerceSimulator.StartAsync(time);
        sps.AcceptToken(SpsToken);
        var qbo = await QuickBooksOnlineSimulator.StartAsync(t => t == QboToken, time);
        qbo.Seed(RealmId, """
            {"QueryResponse":{
              "Account":[{"Id":"80","Name":"Cost of Goods Sold","AccountType":"Cost of Goods Sold"}],
              "Vendor":[{"Id":"56","DisplayName":"SPS Test Retailer"},{"Id":"57","DisplayName":"Target Test"}],
              "Customer":[{"Id":"71","DisplayName":"SPS Test Retailer (customer)"},{"Id":"72","DisplayName":"Target (customer)"}],
              "Item":[{"Id":"11","Name":"HD-20 Widget","Sku":"SPSSupplierHD-20","Type":"NonInventory","ExpenseAccountRef":{"value":"80"}},
                      {"Id":"12","Name":"HD-40 Widget","Sku":"SPSSupplierHD-40","Type":"NonInventory","ExpenseAccountRef":{"value":"80"}},
                      {"Id":"13","Name":"Item 3","Sku":"SPSSupplierHD-60","Type":"NonInventory","ExpenseAccountRef":{"value":"80"}}]
            }}
            """);

        var tables = azurite.NewTables();
        var store = new TableConnectionStore(tables, time);
        await store.CreateAsync(new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.QboSps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["qbo"] = orderPosting is null
                    ? new Dictionary<string, string> { ["realmId"] = RealmId, ["baseUrl"] = qbo.BaseAddress.AbsoluteUri }
                    : new Dictionary<string, string> { ["realmId"] = RealmId, ["baseUrl"] = qbo.BaseAddress.AbsoluteUri, [QboSpsOrderPosting.SettingName] = orderPosting },
                ["sps"] = new Dictionary<string, string> { ["baseUrl"] = sps.BaseAddress.AbsoluteUri },
            },
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [QboSpsNames.PartnerMapping] = new Dictionary<string, string> { [PartnerA] = VendorA, [PartnerB] = VendorB },
                [QboSpsOrderPosting.CustomerMapping] = new Dictionary<string, string> { [PartnerA] = CustomerA, [PartnerB] = CustomerB },
                [QboSpsNames.ItemMapping] = items ?? SampleItems(),
            },
        });

        var tokens = new Mock<IOAuthTokenManager>();
        tokens.Setup(t => t.GetAccessTokenAsync(ConnectionId, "qbo", It.IsAny<CancellationToken>())).ReturnsAsync(QboToken);
        tokens.Setup(t => t.GetClientCredentialsTokenAsync(ConnectionId, "sps", It.IsAny<CancellationToken>())).ReturnsAsync(SpsToken);

        var audit = new RecordingAuditTrail();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Resilience:sps:BaseDelay"] = "00:00:00.010",
            ["Resilience:sps:MaxDelay"] = "00:00:00.050",
            ["Connectors:SpsCommerce:ThrottlePause"] = "00:00:00.020",
        }).Build());
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(tokens.Object);
        services.AddSingleton<IConnectionStore>(store);
        services.AddSingleton<IAuditTrail>(audit);
        services.AddSingleton(tables);
        services.AddSingleton<IIdempotencyLedger, TableIdempotencyLedger>();
        services.AddSingleton(new BlobContainerProvider(new BlobContainerClient(azurite.ConnectionString, azurite.NewPrefix() + "-blobs")));
        services.AddQuickBooksOnlineConnector();
        services.AddSpsCommerceConnector();
        services.AddSingleton<SpsDocumentArchive>();
        services.AddSingleton<SpsOrderImporter>();
        services.AddSingleton<QboSpsInvoiceLinkResolver>();
        services.AddSingleton<SpsDocumentSender>();
        services.AddSingleton<SpsInvoiceSender>();
        services.AddSingleton<SpsDocumentUploader>();
        services.AddSingleton<SpsShipNoticeSender>();
        services.AddSingleton<SpsPartnerRejectionHandler>();
        return new QboSpsSandbox(services.BuildServiceProvider(validateScopes: true), sps, qbo, audit, store);
    }

    /// <summary>The crosswalk of the SPS samples' three items, by VendorPartNumber.</summary>
    public static Dictionary<string, string> SampleItems() => new(StringComparer.Ordinal)
    {
        ["SPSSupplierHD-20"] = "11",
        ["SPSSupplierHD-40"] = "12",
        ["SPSSupplierHD-60"] = "13",
    };

    /// <summary>Imports and, when it succeeded, acknowledges one document, as the workflow does.</summary>
    public async Task<SpsOrderImportResult> ProcessAsync(string path)
    {
        var document = new SpsDocumentRef(ConnectionId, path);
        var result = await Importer.ImportAsync(document);
        await Importer.AcknowledgeAsync(document);
        return result;
    }

    public IReadOnlyList<JsonObject> PurchaseOrders() => Qbo.GetEntities(RealmId, "PurchaseOrder");

    public IReadOnlyList<JsonObject> Estimates() => Qbo.GetEntities(RealmId, "Estimate");

    /// <summary>An RSX 850 built and validated by the real codec.</summary>
    public Task<byte[]> OrderAsync(string partner, string number, string purpose, params (string VendorPart, decimal Qty, decimal Price)[] lines) =>
        Services.GetRequiredService<RsxDocumentCodec>().WrapAsync(
            RsxDocumentType.Order,
            new RsxOrder(
                new RsxOrderHeaderGroup(new RsxOrderHeader(partner, number, purpose, "SA", "2026-06-20", "VEND6174")),
                [.. lines.Select((l, i) => new RsxOrderLineItem(new RsxOrderLine((i + 1).ToString(CultureInfo.InvariantCulture), null, l.VendorPart, null, null, l.Qty, "EA", l.Price)))]),
            RsxJsonContext.Default.RsxOrder);

    /// <summary>Seeds a QBO invoice (item lines; <paramref name="extra"/> adds fields such as ShipDate) and returns its Id.</summary>
    public string CreateInvoice(string docNumber, string customerId, string privateNote, JsonObject? extra, params (string ItemId, decimal Qty, decimal Price)[] lines)
    {
        var invoice = new JsonObject
        {
            ["DocNumber"] = docNumber,
            ["TxnDate"] = "2026-07-02",
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["PrivateNote"] = privateNote,
            ["Line"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject
            {
                ["DetailType"] = "SalesItemLineDetail",
                ["Amount"] = l.Qty * l.Price,
                ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = l.ItemId }, ["Qty"] = l.Qty, ["UnitPrice"] = l.Price },
            })]),
        };
        foreach (var (name, value) in extra ?? [])
        {
            invoice[name] = value?.DeepClone();
        }

        var before = Qbo.GetEntities(RealmId, "Invoice").Count;
        Qbo.Seed(RealmId, new JsonObject { ["QueryResponse"] = new JsonObject { ["Invoice"] = new JsonArray(invoice) } }.ToJsonString());
        var invoices = Qbo.GetEntities(RealmId, "Invoice");
        Xunit.Assert.Equal(before + 1, invoices.Count);
        return invoices[^1]["Id"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sps.DisposeAsync();
        await Qbo.DisposeAsync();
    }
}
