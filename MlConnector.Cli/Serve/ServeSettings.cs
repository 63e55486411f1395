namespace MlConnector.Cli.Serve;

/// <summary>What `mlconnector serve` was asked for on its command line.</summary>
/// <param name="Urls">Kestrel URLs; loopback by default.</param>
/// <param name="AzuriteDataDirectory">Where the auto-started Azurite keeps its data; null keeps it in memory.</param>
/// <param name="TokenFile">Where to write the operator token for the CLI (owner-only); null writes none (in-process hosts read <c>StandaloneHost.OperatorToken</c>).</param>
internal sealed record ServeSettings(string Urls, string? AzuriteDataDirectory, string? TokenFile = null)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static string DefaultAzuriteDataDirectory => Path.Combine(Environment.CurrentDirectory, ".mlconnector", "azurite");
}
