using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Sandbox.Ups;
using MlConnector.Tests.Connectors.Ups;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.TestSupport;

/// <summary>
/// The Functions app's container (<see cref="FunctionsServices"/>, on Azurite) with the real <see cref="UpsClient"/>
/// talking over loopback to the <see cref="UpsSimulator"/>: the <c>ups</c> OAuth provider points at the simulator's token
/// endpoint, and one <c>qbo-ups</c> connection has its <c>ups.baseUrl</c>, shipper number and Track Alert URL secret.
/// </summary>
internal sealed class UpsSandbox : IAsyncDisposable
{
    public const string ConnectionId = "acme-ups";
    public const string ClientId = "ups-client-5d21";
    public const string UrlSecret = "c41f9a07e3b2d658";
    private const string ClientSecret = "ups-client-secret-8e0b";
    private const string ClientSecretName = "ups-client-secret";
    private const string ShipperNumber = "A1B2C3";

    private UpsSandbox(UpsSimulator ups, FunctionsServices services)
    {
        Ups = ups;
        Services = services;
    }

    public UpsSimulator Ups { get; }

    public FunctionsServices Services { get; }

    public IServiceProvider Provider => Services.Provider;

    public static async Task<UpsSandbox> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ups = await UpsSimulator.StartAsync();
        ups.RegisterClient(ClientId, ClientSecret, ShipperNumber);
        var services = new FunctionsServices(azurite.ConnectionString, azurite.NewPrefix(), new Dictionary<string, string?>
        {
            ["OAuth:Providers:ups:TokenEndpoint"] = ups.TokenEndpoint.AbsoluteUri,
            ["OAuth:Providers:ups:ClientId"] = ClientId,
            ["OAuth:Providers:ups:ClientSecretName"] = ClientSecretName,
            ["Resilience:ups:MaxRetryAttempts"] = "0",
        }.Concat(settings ?? new Dictionary<string, string?>()).ToDictionary());
        var secrets = services.Provider.GetRequiredService<ISecretStore>();
        await secrets.SetAsync(ClientSecretName, ClientSecret);
        await secrets.SetAsync(SecretName.For(ConnectionId, UpsClient.ShipperNumberSecret), ShipperNumber);
        await secrets.SetAsync(SecretName.For(ConnectionId, UpsShippingNames.TrackAlertSecretPurpose), UrlSecret);
        await services.Provider.GetRequiredService<IConnectionStore>().CreateAsync(new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.QboUps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["qbo"] = new Dictionary<string, string> { ["expenseAccountId"] = "81", ["upsVendorId"] = "58" },
                ["ups"] = new Dictionary<string, string> { ["baseUrl"] = ups.ApiBaseAddress.AbsoluteUri },
            },
        });
        return new UpsSandbox(ups, services);
    }

    /// <summary>
    /// Ships a one-package UPS Ground shipment at the simulator through the real client and stores its row as the
    /// purchase-order workflow would (not yet subscribed, no status applied).
    /// </summary>
    /// <returns>The package's tracking number.</returns>
    public async Task<string> ShipAsync(string purchaseOrderId = "501")
    {
        var shipment = UpsHarness.NewShipment() with { Packages = [new UpsPackage(3m)] };
        var created = await Provider.GetRequiredService<IUpsClient>().CreateShipmentAsync(ConnectionId, shipment);
        var trackingNumber = Assert.Single(created.Packages).TrackingNumber;
        await Provider.GetRequiredService<UpsShipmentStore>().SaveAsync(
        [
            new UpsShipmentRecord
            {
                ConnectionId = ConnectionId,
                TrackingNumber = trackingNumber,
                IntegrationKind = IntegrationKinds.QboUps,
                Source = QboUpsKeys.PurchaseOrderSource(purchaseOrderId, "PO-" + purchaseOrderId),
                ShipmentIdentificationNumber = created.ShipmentIdentificationNumber,
                ServiceCode = "03",
                Charge = created.TotalCharge,
                CurrencyCode = created.CurrencyCode,
            },
        ]);
        return trackingNumber;
    }

    public async ValueTask DisposeAsync()
    {
        Services.Dispose();
        await Ups.DisposeAsync();
    }
}
