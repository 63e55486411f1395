using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.OAuth;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary>
/// The real <see cref="UpsClient"/> as <c>AddUpsConnector</c> registers it (resilience, <see cref="UpsAuthHandler"/>, rate
/// governor), its bearer tokens from the real <see cref="OAuthTokenManager"/> against the OAuth simulator (token rows in
/// Azurite), and UPS itself played by a <see cref="LoopbackVendorServer"/> that answers with UPS's own sample bodies.
/// </summary>
public sealed class UpsHarness : ConnectorHarness<IUpsClient>
{
    public const string ConnectionId = "ups-acme";
    public const string ShipperNumber = "X7Y9Z2";
    public const string ClientId = "ups-client-id";
    public const string ClientSecret = "ups-client-secret-value-41";

    private UpsHarness(Parts parts, LoopbackVendorServer ups, OAuthServerSimulator identity, RecordingAuditTrail audit)
        : base(parts, ups, identity)
    {
        Ups = ups;
        Identity = identity;
        Audit = audit;
    }

    public LoopbackVendorServer Ups { get; }

    public OAuthServerSimulator Identity { get; }

    public RecordingAuditTrail Audit { get; }

    public static async Task<UpsHarness> StartAsync(AzuriteFixture azurite, Dictionary<string, string?>? configuration = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero));
        var ups = await LoopbackVendorServer.StartAsync();
        var identity = await OAuthServerSimulator.StartAsync(time);
        identity.RegisterClient(ClientId, ClientSecret);

        var secrets = new RecordingSecretStore();
        secrets.Seed("ups-client-secret", ClientSecret);
        secrets.Seed(SecretName.For(ConnectionId, UpsClient.ShipperNumberSecret), ShipperNumber);

        var connection = new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.QboUps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["ups"] = new Dictionary<string, string> { ["baseUrl"] = new Uri(ups.BaseAddress, "api/").AbsoluteUri },
            },
        };

        // The provider gets only what a deployment must set; AddUpsConnector fills in MerchantIdHeader.
        var config = new Dictionary<string, string?>
        {
            ["OAuth:Providers:ups:TokenEndpoint"] = identity.TokenEndpoint.AbsoluteUri,
            ["OAuth:Providers:ups:ClientId"] = ClientId,
            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",
            ["Resilience:ups:MaxRetryAttempts"] = "0",
        };
        var audit = new RecordingAuditTrail();
        var parts = await BuildAsync(azurite, time, secrets, connection, config, configuration, (services, tables) =>
        {
            services.AddSingleton<IAuditTrail>(audit);
            services.AddSingleton(tables);
            services.AddOAuthTokenManagement();
            services.AddUpsConnector();
        });
        return new UpsHarness(parts, ups, identity, audit);
    }

    /// <summary>A UPS sample body from contracts/ups/samples.</summary>
    public static string Sample(string relative) => File.ReadAllText(ContractFiles.PathOf("ups/samples/" + relative));

    /// <summary>A fixture from Fixtures/Ups.</summary>
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ups", name));

    public static UpsShipmentRequest NewShipment(bool negotiated = false, UpsAddress? shipTo = null) => new(
        new UpsAddress("Acme Widgets", ["123 Main Street"], "Timonium", "MD", "21093", "US") { Phone = "4105550100" },
        new UpsAddress("Acme Warehouse", ["9 Dock Road"], "Timonium", "MD", "21093", "US"),
        shipTo ?? new UpsAddress("Ada Lovelace", ["26601 Aliso Creek Road", "Ste D"], "Aliso Viejo", "CA", "92656-1521", "US") { AttentionName = "Receiving" },
        "03",
        [new UpsPackage(10.5m) { Description = "Widgets" }, new UpsPackage(2m)],
        "PO-1001")
    {
        NegotiatedRates = negotiated,
        Description = "Widgets",
    };
}
