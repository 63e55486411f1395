using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// qbo-ups connections that take UPS Track Alert pushes on a started host (vendors unreachable, no schedules), each with
/// the URL secret <c>secret-of-{id}</c>, and one genuine push to send them.
/// </summary>
internal static class TrackAlertConnections
{
    /// <summary>A Track Alert status update as UPS pushes it.</summary>
    public const string Push = """{"trackingNumber":"1Z999AA10123456784","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";

    /// <summary>Creates the connections and stores their Track Alert secrets.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="ids">The connection ids.</param>
    public static async Task CreateAsync(IServiceProvider services, params string[] ids)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connections = services.GetRequiredService<IConnectionStore>();
        var secrets = services.GetRequiredService<ISecretStore>();
        var dead = new Uri("http://127.0.0.1:9/");
        foreach (var id in ids)
        {
            await connections.CreateAsync(DemoSandbox.QboUpsConnection(dead, dead) with { Id = id, Schedules = new Dictionary<string, string>() });
            await secrets.SetAsync(SecretName.For(id, UpsShippingNames.TrackAlertSecretPurpose), "secret-of-" + id);
        }
    }

    /// <summary>The route a connection's pushes are posted to, relative to the host.</summary>
    public static Uri Route(string connectionId, string secret) => new($"api/webhooks/ups/{connectionId}/{secret}", UriKind.Relative);
}
