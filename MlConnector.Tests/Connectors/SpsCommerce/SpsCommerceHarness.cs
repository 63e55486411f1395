using Microsoft.Extensions.DependencyInjection;
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
public sealed class SpsCommerceHarness : ConnectorHarness<ISpsCommerceClient>
{
    public const string ConnectionId = "sps-acme";
    public const string ClientId = "sps-client-id";
    public const string ClientSecret = "sps-client-secret-value-77";

    private SpsCommerceHarness(Parts parts, SpsCommerceSimulator sps)
        : base(parts, sps)
    {
        Sps = sps;
    }

    public SpsCommerceSimulator Sps { get; }

    /// <summary>Starts the simulator and the client. Retries wait real (tiny) delays, so pass a fake clock only to tests that cause no retry.</summary>
    public static async Task<SpsCommerceHarness> StartAsync(AzuriteFixture azurite, TimeProvider? time = null, Dictionary<string, string?>? configuration = null, string? simulatorAudience = null)
    {
        time ??= TimeProvider.System;
        var sps = simulatorAudience is null ? await SpsCommerceSimulator.StartAsync(time) : await SpsCommerceSimulator.StartAsync(time, simulatorAudience);
        sps.RegisterClient(ClientId, ClientSecret);
        var secrets = new RecordingSecretStore();
        secrets.Seed("sps-client-secret", ClientSecret);

        var connection = new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.QboSps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["sps"] = new Dictionary<string, string> { ["baseUrl"] = sps.BaseAddress.AbsoluteUri },
            },
        };

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
        var parts = await BuildAsync(azurite, time, secrets, connection, config, configuration, (services, tables) =>
        {
            services.AddSingleton<IAuditTrail>(new RecordingAuditTrail());
            services.AddSingleton(tables);
            services.AddOAuthTokenManagement();
            services.AddSpsCommerceConnector();
        });
        return new SpsCommerceHarness(parts, sps);
    }
}
