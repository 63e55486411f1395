using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.FreshBooks;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.Ups;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.FreshBooksUps;

/// <summary>
/// The standalone host on real Azurite with a FreshBooks-like OAuth server (single-use rotating refresh tokens), the
/// FreshBooks simulator (signed form deliveries to the host's <c>/api/webhooks/freshbooks/{connectionId}</c>) and the UPS
/// simulator, all on loopback; one <c>freshbooks-ups</c> connection that consented to FreshBooks through the host's OAuth
/// routes (so its account id was recorded from <c>users/me</c>).
/// </summary>
internal sealed class FreshBooksUpsSandbox : IAsyncDisposable
{
    public const string ConnectionId = "fb-ups-test";
    public const string FreshBooksClientId = "fb-client";
    public const string FreshBooksClientSecret = "fb-client-secret-value";
    public const string ShipperNumber = "F1B2C3";
    public const string ClientShipperNumber = "K9L8M7";
    public const string UpsClientId = "mlc-ups-client";
    public const string TrackAlertSecret = "ta-secret-fb-9d2c";

    private readonly string _prefix;
    private readonly int _port;
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private readonly AzuriteFixture _azurite;

    private FreshBooksUpsSandbox(AzuriteFixture azurite, OAuthServerSimulator idp, FreshBooksSimulator freshBooks, UpsSimulator ups, string prefix, int port, IReadOnlyDictionary<string, string?> extraSettings)
    {
        _azurite = azurite;
        Idp = idp;
        FreshBooks = freshBooks;
        Ups = ups;
        _prefix = prefix;
        _port = port;
        _extraSettings = extraSettings;
    }

    public OAuthServerSimulator Idp { get; }

    public FreshBooksSimulator FreshBooks { get; }

    public UpsSimulator Ups { get; }

    public StandaloneHost Host { get; private set; } = null!;

    public IWorkflowClient Workflows => Host.Services.GetRequiredService<IWorkflowClient>();

    public ISecretStore Secrets => Host.Services.GetRequiredService<ISecretStore>();

    public IConnectionStore Connections => Host.Services.GetRequiredService<IConnectionStore>();

    public Uri WebhookUri => new(Host.BaseAddress, $"api/webhooks/freshbooks/{ConnectionId}");

    /// <summary>Starts everything, creates the connection and connects it to FreshBooks.</summary>
    public static async Task<FreshBooksUpsSandbox> StartAsync(AzuriteFixture azurite, TimeSpan? accessTokenLifetime = null, IReadOnlyDictionary<string, string>? freshBooksSettings = null, IReadOnlyDictionary<string, string?>? hostSettings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var idp = await OAuthServerSimulator.StartAsync();
        idp.AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(12);
        idp.RegisterClient(FreshBooksClientId, FreshBooksClientSecret);
        var freshBooks = await FreshBooksSimulator.StartAsync(idp.IsAccessTokenValid);
        var ups = await UpsSimulator.StartAsync();
        ups.RegisterClient(UpsClientId, "ups-client-secret-value", ShipperNumber, ClientShipperNumber);
        var sandbox = new FreshBooksUpsSandbox(azurite, idp, freshBooks, ups, azurite.NewPrefix(), LoopbackPort.FindFree(), hostSettings ?? new Dictionary<string, string?>());
        await sandbox.StartHostAsync();
        await sandbox.Secrets.SetAsync("freshbooks-client-secret", FreshBooksClientSecret);
        await sandbox.Secrets.SetAsync("ups-client-secret", "ups-client-secret-value");
        await sandbox.Secrets.SetAsync(SecretName.For(ConnectionId, "ups-merchant-id"), ShipperNumber);
        await sandbox.Secrets.SetAsync(SecretName.For(ConnectionId, "ups-trackalert-secret"), TrackAlertSecret);
        ups.ConfigureTrackAlertWebhook(new Uri(sandbox.Host.BaseAddress, $"api/webhooks/ups/{ConnectionId}/{TrackAlertSecret}"), UpsClientId);

        var freshBooksJson = new JsonObject { ["baseUrl"] = freshBooks.BaseAddress.ToString() };
        foreach (var (key, value) in freshBooksSettings ?? new Dictionary<string, string>())
        {
            freshBooksJson[key] = value;
        }

        using var http = OperatorHttp.Create(sandbox.Host);
        await http.CreateConnectionAsync(new JsonObject
        {
            ["id"] = ConnectionId,
            ["kind"] = IntegrationKinds.FreshBooksUps,
            ["displayName"] = "Sandbox Outfitters",
            ["settings"] = new JsonObject
            {
                ["freshbooks"] = freshBooksJson,
                ["ups"] = new JsonObject { ["baseUrl"] = ups.ApiBaseAddress.ToString(), ["serviceCode"] = "03", ["packageWeightLbs"] = "2" },
            },
            ["mappings"] = new JsonObject
            {
                ["shipFrom"] = new JsonObject { ["name"] = "Sandbox Outfitters", ["street"] = "100 Peachtree St", ["city"] = "Atlanta", ["state"] = "GA", ["postalCode"] = "30303", ["country"] = "US", ["phone"] = "4045550100" },
                ["itemWeightLbs"] = new JsonObject { ["Mugs"] = "0.5" },
                ["shipService"] = new JsonObject { ["Express Shipping"] = "01" },
            },
        });
        await http.ConnectAsync("freshbooks", ConnectionId);

        return sandbox;
    }

    /// <summary>Registers the connection's callbacks through the operator route and waits until FreshBooks' verifiers are confirmed.</summary>
    public async Task RegisterWebhooksAsync()
    {
        using var http = OperatorHttp.Create(Host);
        using var response = await http.PostAsync(new Uri($"api/connections/{ConnectionId}/webhooks/register", UriKind.Relative), OperatorHttp.Json($$"""{"publicBaseUrl":"{{Host.BaseAddress}}"}"""));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await FreshBooks.DrainDeliveriesAsync();
        await WorkflowWait.UntilAsync(async () =>
            await Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(ConnectionId, "invoice.create")) is not null
            && await Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(ConnectionId, "invoice.update")) is not null);
    }

    /// <summary>Stops the host and starts a new one on the same storage, port and keys (a process restart).</summary>
    public async Task RestartHostAsync()
    {
        await Host.DisposeAsync();
        await StartHostAsync();
    }

    /// <summary>Waits until every recorded webhook delivery was dispatched.</summary>
    public async Task WaitForIntakeAsync()
    {
        await FreshBooks.DrainDeliveriesAsync();
        var intake = Host.Services.GetRequiredService<WebhookIntake>();
        await WorkflowWait.UntilAsync(async () => (await intake.CountAsync()).Pending == 0);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await FreshBooks.DisposeAsync();
        await Ups.DisposeAsync();
        await Idp.DisposeAsync();
    }

    private async Task StartHostAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["OAuth:Providers:freshbooks:RedirectUri"] = $"http://127.0.0.1:{_port}/api/oauth/freshbooks/callback",
            ["OAuth:Providers:freshbooks:AuthorizeEndpoint"] = Idp.AuthorizeEndpoint.ToString(),
            ["OAuth:Providers:freshbooks:TokenEndpoint"] = Idp.TokenEndpoint.ToString(),
            ["OAuth:Providers:freshbooks:ClientId"] = FreshBooksClientId,
            ["OAuth:Providers:freshbooks:ClientSecretName"] = "freshbooks-client-secret",
            ["OAuth:Providers:ups:TokenEndpoint"] = Ups.TokenEndpoint.ToString(),
            ["OAuth:Providers:ups:ClientId"] = UpsClientId,
            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",
            ["OAuth:Providers:ups:MerchantIdHeader"] = "x-merchant-id",
        };
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        Host = await TestHost.StartAsync(_azurite, _prefix, _port, settings);
    }
}
