using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.SpsCommerce;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.SpsCommerce;

/// <summary>
/// The real <see cref="SpsCommerceClient"/> as <c>AddSpsCommerceConnector</c> registers it (resilience with full jitter,
/// <see cref="SpsCommerceAuthHandler"/>, rate governor), its tokens from the real <see cref="OAuthTokenManager"/> (token
/// rows in Azurite) against the <see cref="SpsCommerceSimulator"/>'s Auth0-style endpoint, over loopback HTTP.
/// </summary>
public sealed class SpsCommerceHarness : IAsyncDisposable
{
    public const string ConnectionId = "sps-acme";
    public const string ClientId = "sps-client-id";
    public const string ClientSecret = "sps-client-secret-value-77";

    private readonly ServiceProvider _services;

    private SpsCommerceHarness(ServiceProvider services, SpsCommerceSimulator sps, FakeLogCollector logs, IConnectionStore connections)
    {
        _services = services;
        Sps = sps;
        Logs = logs;
        Connections = connections;
    }

    public SpsCommerceSimulator Sps { get; }

    public FakeLogCollector Logs { get; }

    public IConnectionStore Connections { get; }

    public ISpsCommerceClient Client => _services.GetRequiredService<ISpsCommerceClient>();

    public IServiceProvider Services => _services;

    /// <summary>Starts the simulator and the client. Retries wait real (tiny) delays, so pass a fake clock only to tests that cause no retry.</summary>
    public static async Task<SpsCommerceHarness> StartAsync(AzuriteFixture azurite, TimeProvider? time = null, Dictionary<string, string?>? configuration = null, string? simulatorAudience = null)
    {
        time ??= TimeProvider.System;
        var sps = simulatorAudience is null ? await SpsCommerceSimulator.StartAsync(time) : await SpsCommerceSimulator.StartAsync(time, simulatorAudience);
        sps.RegisterClient(ClientId, ClientSecret);
        var secrets = new RecordingSecretStore();
        secrets.Seed("sps-client-secret", ClientSecret);

        var tables = azurite.NewTables();
        var store = new TableConnectionStore(tables, time);
        await store.CreateAsync(new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.QboSps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["sps"] = new Dictionary<string, string> { ["baseUrl"] = sps.BaseAddress.AbsoluteUri },
            },
        });

        // Only what a deployment sets; AddSpsCommerceConnector fills in the audience and the JSON token request.
        var config = new Dictionary<string, string?>
        {
            ["OAuth:Providers:sps:TokenEndpoint"] = sps.TokenEndpoint.AbsoluteUri,
            ["OAuth:Providers:sps:ClientId"] = ClientId,
            ["OAuth:Providers:sps:ClientSecretName"] = "sps-client-secret",
            ["Resilience:sps:BaseDelay"] = "00:00:00.010",
            ["Resilience:sps:MaxDelay"] = "00:00:00.080",
            ["Connectors:SpsCommerce:ThrottlePause"] = "00:00:00.020",
        };
        foreach (var (key, value) in configuration ?? [])
        {
            config[key] = value;
        }

        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton(time);
        services.AddSingleton<ISecretStore>(secrets);
        services.AddSingleton<IConnectionStore>(store);
        services.AddSingleton<IAuditTrail>(new RecordingAuditTrail());
        services.AddSingleton(tables);
        services.AddOAuthTokenManagement();
        services.AddSpsCommerceConnector();
        return new SpsCommerceHarness(services.BuildServiceProvider(validateScopes: true), sps, logs, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sps.DisposeAsync();
    }
}
