using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Demo;
using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Cli;

/// <summary>The demo sandbox on the shared Azurite under its own table prefix, so serve processes can take over its storage once its in-process host stops.</summary>
internal static class SharedAzuriteDemo
{
    public static Task<DemoSandbox> StartAsync(AzuriteFixture azurite, string prefix)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return DemoSandbox.StartAsync(_ => { }, CancellationToken.None, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StorageOptions.SectionName}:ConnectionString"] = azurite.ConnectionString,
                [$"{StorageOptions.SectionName}:TablePrefix"] = prefix,
            }));
    }
}
