using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Serve;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// The standalone host a host-level sandbox starts: on <c>127.0.0.1:{port}</c>, on Azurite under its own prefix
/// (<see cref="TestHostSettings.Storage"/>), logging warnings only, with the sandbox's settings over those and its own
/// services added.
/// </summary>
internal static class TestHost
{
    /// <summary>Starts the host.</summary>
    /// <param name="azurite">The Azurite process.</param>
    /// <param name="prefix">The table prefix (and key directory) of this host's storage; a restart passes the same.</param>
    /// <param name="port">The loopback port (OAuth redirect URIs name it).</param>
    /// <param name="settings">The sandbox's settings (vendor endpoints, OAuth providers), applied last.</param>
    /// <param name="services">Adds the sandbox's own services, if any.</param>
    /// <returns>The running host.</returns>
    public static Task<StandaloneHost> StartAsync(AzuriteFixture azurite, string prefix, int port, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = TestHostSettings.Storage(azurite, prefix);
        all["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return StandaloneHost.StartAsync(
            new ServeSettings($"http://127.0.0.1:{port}", null),
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(all);
                services?.Invoke(builder.Services);
            });
    }
}
