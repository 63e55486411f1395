using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace MlConnector.Cli.Serve;

/// <summary>
/// The bound on open connections of <c>mlconnector serve</c>: Kestrel's own <c>Kestrel:Limits:MaxConcurrentConnections</c>
/// (<c>KestrelServerLimits.MaxConcurrentConnections</c>, learn.microsoft.com "Configure options for the ASP.NET Core
/// Kestrel web server", "Maximum client connections"), which Kestrel leaves unbounded (null) by default, with
/// <see cref="DefaultMaxConcurrentConnections"/> in its place. A connection over the bound is accepted by the kernel and
/// closed by Kestrel at once, unserved (its <c>ConnectionRejected</c> event); webhook senders, the vendors and the bench,
/// deliver it again, and the host keeps serving the connections it holds. In Azure the Functions platform's front end
/// bounds and pools connections, so the Functions app has no such setting.
/// </summary>
internal static class ServeConnectionLimit
{
    /// <summary>The setting (<c>MLCONNECTOR_Kestrel__Limits__MaxConcurrentConnections</c> in the environment).</summary>
    public const string SettingKey = "Kestrel:Limits:MaxConcurrentConnections";

    /// <summary>
    /// 2,048 open connections: twice the 1,024 the bench's ack phase opens at 200 requests/s per route (<c>AckLatencyBench</c>),
    /// far above the 64 its RSS phase uses, and an eighth of the 17,162 sockets an unbounded host held when one sender opened
    /// a connection per waiting push (docs/performance.md, bench (e): a 665 MiB peak, <c>RssAnon</c> 460 MiB against 84 MiB,
    /// so roughly 22 KiB a socket: some 45 MiB at this bound).
    /// </summary>
    public const long DefaultMaxConcurrentConnections = 2048;

    /// <summary>Sets Kestrel's bound from <see cref="SettingKey"/>, or <see cref="DefaultMaxConcurrentConnections"/> when unset.</summary>
    /// <param name="webHost">The standalone host's web host.</param>
    /// <returns>The same builder.</returns>
    public static IWebHostBuilder LimitConcurrentConnections(this IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        return webHost.ConfigureKestrel((context, kestrel) => kestrel.Limits.MaxConcurrentConnections = Read(context.Configuration));
    }

    /// <summary>Reads the bound.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The bound, at least 1.</returns>
    /// <exception cref="InvalidOperationException">When the setting is not a whole number of at least 1.</exception>
    public static long Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ServeConnectionLimit.SettingKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultMaxConcurrentConnections;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bound) && bound >= 1
            ? bound
            : throw new InvalidOperationException($"{SettingKey} must be a whole number of at least 1 (open connections); it is '{value}'.");
    }
}
