using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Security;

/// <summary>
/// The real standalone host (Kestrel on loopback, its own Azurite, the webhook intake and the Durable Task Framework) with
/// one connection per webhook route and their secrets, plus the ShipStation simulator (whose JWKS signs V2 deliveries and
/// whose API answers the replayed V1 notifications). Every schedule is moved a year out, so nothing but the corpus writes.
/// </summary>
public sealed class BadInputRig : IAsyncLifetime
{
    public const string ShipStationConnection = "corpus-ss";
    public const string UpsConnection = "corpus-ups";
    public const string FreshBooksConnection = "corpus-fb";
    public const string FreshBooksAccount = "corpusAcct";
    public const string UpsClientId = "corpus-ups-client";

    private static readonly string[] Schedules =
    [
        "HealthProbe", "ShipStationQboReconcile", "ShipStationQboMappingPoll", "QboChangeReconcile", "QboUpsTrackAlertRenewal", "QboUpsTrackingPoll",
        "FreshBooksUpsPoll", "UpsQuantumViewPoll", "QboSpsOrderPoll", "HeldWorkRelease", "ReconsentReplay", "AlertEvaluation", "QbdShipStationPoll", "QbdInventoryReconcile",
        "WorkflowHistoryPurge",
    ];

    private readonly FakeLogCollector _logs = new();
    private StandaloneHost? _host;
    private ShipStationSimulator? _shipStation;

    internal StandaloneHost Host => _host ?? throw new InvalidOperationException("The rig did not start.");

    public ShipStationSimulator ShipStation => _shipStation ?? throw new InvalidOperationException("The rig did not start.");

    public string ShipStationSecret { get; } = Token();

    public string UpsSecret { get; } = Token();

    public string QboVerifierToken { get; } = Guid.NewGuid().ToString();

    public string FreshBooksVerifier { get; } = Token();

    public string ShipStationApiKey { get; } = "corpus-key-" + Token()[..6];

    public string ShipStationApiSecret { get; } = Token();

    public Uri BaseAddress => Host.BaseAddress;

    public async Task InitializeAsync()
    {
        _shipStation = await ShipStationSimulator.StartAsync();
        _shipStation.RegisterCredentials(ShipStationApiKey, ShipStationApiSecret);
        var settings = new Dictionary<string, string?>
        {
            ["Secrets:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), "mlc-corpus-keys-" + Token()[..8]),
            ["Connectors:ShipStation:V2JwksUrl"] = _shipStation.JwksUri.ToString(),
            ["OAuth:Providers:ups:ClientId"] = UpsClientId,
            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",
            ["OAuth:Providers:ups:TokenEndpoint"] = "http://127.0.0.1:9/token",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MlConnector.Core.Intake.WebhookIntake"] = "Debug",
        };
        foreach (var schedule in Schedules)
        {
            settings["Schedules:" + schedule] = "0 0 0 1 1 *";
        }

        _host = await StandaloneHost.StartAsync(
            new ServeSettings("http://127.0.0.1:0", AzuriteDataDirectory: null),
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.AddProvider(new FakeLoggerProvider(_logs));
            });

        var services = Host.Services;
        var secrets = services.GetRequiredService<ISecretStore>();
        var connections = services.GetRequiredService<IConnectionStore>();
        var dead = new Uri("http://127.0.0.1:9/");
        await connections.CreateAsync(DemoSandbox.Connection(_shipStation.BaseAddress, dead) with { Id = ShipStationConnection, Schedules = new Dictionary<string, string>() });
        await connections.CreateAsync(DemoSandbox.QboUpsConnection(dead, dead) with { Id = UpsConnection, Schedules = new Dictionary<string, string>() });
        await connections.CreateAsync(new Connection
        {
            Id = FreshBooksConnection,
            Kind = IntegrationKinds.FreshBooksUps,
            DisplayName = "Corpus FreshBooks",
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["freshbooks"] = new Dictionary<string, string> { ["accountId"] = FreshBooksAccount, ["baseUrl"] = dead.ToString() },
                ["ups"] = new Dictionary<string, string> { ["baseUrl"] = dead.ToString() },
            },
        });
        await secrets.SetAsync(SecretName.For(ShipStationConnection, ShipStationWebhookApi.SecretPurpose), ShipStationSecret);
        await secrets.SetAsync(SecretName.For(ShipStationConnection, "shipstation-api-key"), ShipStationApiKey);
        await secrets.SetAsync(SecretName.For(ShipStationConnection, "shipstation-api-secret"), ShipStationApiSecret);
        await secrets.SetAsync(SecretName.For(UpsConnection, UpsShippingNames.TrackAlertSecretPurpose), UpsSecret);
        await secrets.SetAsync(services.GetRequiredService<IOptions<QboEventsOptions>>().Value.VerifierTokenName, QboVerifierToken);
        await services.GetRequiredService<FreshBooksCallbackVerifiers>().ConfirmAsync(FreshBooksConnection, "invoice.create", FreshBooksVerifier);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_shipStation is not null)
        {
            await _shipStation.DisposeAsync();
        }
    }

    /// <summary>What a refused request must not change: deliveries recorded by the intake, workflow instances, audit rows.</summary>
    public async Task<CorpusSnapshot> SnapshotAsync()
    {
        var recorded = _logs.GetSnapshot().Count(r => r.Id.Name == "WebhookDeliveryRecorded");
        var workflows = (await Host.Services.GetRequiredService<IWorkflowClient>().ListAsync()).Count;
        var tables = Host.Services.GetRequiredService<TableProvider>();
        var audit = await tables.GetTableAsync(tables.Names.Audit);
        var rows = 0;
        await foreach (var unused in audit.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            rows++;
        }

        return new CorpusSnapshot(recorded, workflows, rows);
    }

    /// <summary>Waits until the intake has dispatched everything it recorded.</summary>
    public Task WaitForIntakeAsync() => IntakeWait.UntilDispatchedAsync(Host.Services);

    private static string Token() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
