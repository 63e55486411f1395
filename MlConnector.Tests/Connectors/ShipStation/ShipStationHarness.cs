using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.ShipStation;

/// <summary>
/// The real <see cref="ShipStationClient"/> as <c>AddShipStationConnector</c> registers it (resilience, auth handler, rate governor),
/// against the ShipStation simulator over loopback HTTP, with the connection in Azurite and one fake clock for both.
/// </summary>
public sealed class ShipStationHarness : ConnectorHarness<IShipStationClient>
{
    public const string ConnectionId = "ss-acme";
    public const string ApiKey = "key-3f9a7c21d4";
    public const string ApiSecret = "secret-8b1e44d0c7a2";
    public const string V2ApiKey = "v2key-55aa90e1";

    private ShipStationHarness(Parts parts, ShipStationSimulator simulator, FakeTimeProvider time)
        : base(parts, simulator)
    {
        Simulator = simulator;
        Time = time;
    }

    public ShipStationSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<ShipStationHarness> StartAsync(AzuriteFixture azurite, Uri? baseUrl = null, string? storeId = null, Dictionary<string, string?>? configuration = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero));
        var simulator = await ShipStationSimulator.StartAsync(time);
        simulator.RegisterCredentials(ApiKey, ApiSecret);
        simulator.RegisterV2ApiKey(V2ApiKey);

        var secrets = new RecordingSecretStore();
        secrets.Seed(SecretName.For(ConnectionId, ShipStationClient.ApiKeySecret), ApiKey);
        secrets.Seed(SecretName.For(ConnectionId, ShipStationClient.ApiSecretSecret), ApiSecret);
        secrets.Seed(SecretName.For(ConnectionId, ShipStationClient.V2ApiKeySecret), V2ApiKey);

        var settings = new Dictionary<string, string> { ["apiVersion"] = "v1", ["baseUrl"] = (baseUrl ?? simulator.BaseAddress).AbsoluteUri };
        if (storeId is not null)
        {
            settings["storeId"] = storeId;
        }

        var connection = new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.ShipStationQbo,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["shipstation"] = settings },
        };
        var config = new Dictionary<string, string?>
        {
            ["Connectors:ShipStation:V2BaseUrl"] = simulator.BaseAddress.AbsoluteUri,
            ["Connectors:ShipStation:V2JwksUrl"] = simulator.JwksUri.AbsoluteUri,
            ["Resilience:shipstation:UseJitter"] = "false",
        };
        var parts = await BuildAsync(azurite, time, secrets, connection, config, configuration, (services, _) => services.AddShipStationConnector());
        return new ShipStationHarness(parts, simulator, time);
    }

    /// <summary>Moves the fake clock forward in steps until <paramref name="task"/> completes (the governor and retry delays wait on it).</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // A real pause only lets the loopback I/O and continuations run; no assertion depends on wall time.
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5)));
            if (!task.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        return await task;
    }
}
