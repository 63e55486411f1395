using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlConnector.Sandbox;

/// <summary>Starts a simulator's Kestrel on a free loopback port, without logging.</summary>
public static class LoopbackHost
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its routes, starts it and reads the address Kestrel chose.</summary>
    /// <param name="map">Adds the simulator's routes or terminal handler.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running app and its base address, for example <c>http://127.0.0.1:41234/</c>.</returns>
    /// <exception cref="InvalidOperationException">When Kestrel reports no address.</exception>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
