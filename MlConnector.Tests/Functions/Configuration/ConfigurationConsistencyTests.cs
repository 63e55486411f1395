using MlConnector.Tests.Infra;

namespace MlConnector.Tests.Functions.Configuration;

/// <summary>
/// Every configuration key that Core, the Functions app or the Cli reads must be in local.settings.sample.json and
/// in the Bicep app settings (infra/app/api.bicep), so neither a developer's first <c>func start</c> nor a deployment
/// silently runs without it.
/// </summary>
public class ConfigurationConsistencyTests
{
    private const string StandaloneRunnerOnly = "Tunes the standalone host's Durable Task Framework task hub; in Azure, Durable Functions runs the workflows (host.json).";

    /// <summary>Keys deliberately absent from Azure, each with its reason.</summary>
    private static readonly Dictionary<string, string> LocalOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Storage:ConnectionString"] = "Azure uses Storage:TableServiceUri/BlobServiceUri with the managed identity; the account has shared keys disabled.",
        ["Workflows:TaskHubName"] = StandaloneRunnerOnly,
        ["Workflows:PartitionCount"] = StandaloneRunnerOnly,
        ["Workflows:MaxConcurrentActivities"] = StandaloneRunnerOnly,
        ["Workflows:MaxConcurrentOrchestrations"] = StandaloneRunnerOnly,
        ["Workflows:VisibilityTimeout"] = StandaloneRunnerOnly,
        ["Workflows:LeaseInterval"] = StandaloneRunnerOnly,
        ["Workflows:LeaseRenewInterval"] = StandaloneRunnerOnly,
        ["Workflows:MaxQueuePollingInterval"] = StandaloneRunnerOnly,
        ["Workflows:IntakePriorityHold"] = StandaloneRunnerOnly,
        ["Workflows:ExtendedSessions"] = StandaloneRunnerOnly,
        ["Workflows:ExtendedSessionIdleTimeout"] = StandaloneRunnerOnly,
        ["Workflows:WorkerId"] = StandaloneRunnerOnly,
        ["Intake:VisibilityTimeout"] = "Tunes serve's queue poller; in Azure host.json extensions.queues.visibilityTimeout applies.",
        ["Intake:MinPollInterval"] = "Tunes serve's queue poller; in Azure host.json extensions.queues.maxPollingInterval applies.",
        ["Intake:MaxPollInterval"] = "Tunes serve's queue poller; in Azure host.json extensions.queues.maxPollingInterval applies.",
        ["Intake:DispatchDelay"] = "A test switch of serve's queue poller; never set in production.",
        ["Kestrel:Limits:MaxConcurrentConnections"] = "Bounds serve's Kestrel connections; in Azure the Functions platform's front end bounds and pools connections.",
        ["Bench:BareEndpoint"] = "Maps serve's bench-only /api/bench/bare and /api/bench/bare-write routes; never set in production.",
        ["Secrets:LocalKeyDirectory"] = "Azure sets Secrets:KeyVaultUri, so the encrypted local store and its key ring are not used there.",
    };

    private static readonly string[] ScannedProjects = ["MlConnector.Core", "MlConnector.Functions", "MlConnector.Cli"];

    [Fact]
    public void CodeReads_AllKeys_AreInLocalSettingsSample()
    {
        // Arrange
        var uses = ScanRepository();
        var provided = ConfigurationKeyScanner.ReadLocalSettingsKeys(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));

        // Act
        var missing = ConfigurationKeyScanner.Missing(uses, provided);

        // Assert
        Assert.True(missing.Count == 0, "Missing from local.settings.sample.json: " + Describe(missing));
    }

    [Fact]
    public void CodeReads_AllKeys_AreInBicepAppSettings()
    {
        // Arrange
        var uses = ScanRepository().Where(u => !LocalOnly.ContainsKey(u.Key));
        var provided = ConfigurationKeyScanner.ReadBicepAppSettingKeys(File.ReadAllText(RepositoryPaths.Combine("infra", "app", "api.bicep")));

        // Act
        var missing = ConfigurationKeyScanner.Missing(uses, provided);

        // Assert
        Assert.True(missing.Count == 0, "Missing from infra/app/api.bicep appSettings: " + Describe(missing));
    }

    [Fact]
    public void ScanRepository_CurrentCode_FindsTheKeysItIsKnownToRead()
    {
        // Arrange / Act: guards the scanner against silently finding nothing (which would make the tests above pass).
        var keys = ScanRepository().Select(u => u.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Assert
        Assert.Contains("Storage:ConnectionString", keys);
        Assert.Contains("Storage:TablePrefix", keys);
        Assert.Contains("Schedules:HealthProbe", keys);
        Assert.Contains("DurableTaskHubName", keys);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", keys);
    }

    private static List<ConfigurationKeyUse> ScanRepository()
    {
        var files = ScannedProjects
            .SelectMany(project => Directory.EnumerateFiles(RepositoryPaths.Combine(project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(RepositoryPaths.Root, path), File.ReadAllText(path)))
            .ToList();
        var uses = ConfigurationKeyScanner.ScanCSharp(files).ToList();
        uses.AddRange(ConfigurationKeyScanner.ScanHostJson("host.json", File.ReadAllText(RepositoryPaths.Combine("host.json"))));
        return uses;
    }

    private static string Describe(IEnumerable<ConfigurationKeyUse> missing)
        => string.Join("; ", missing.Select(u => $"{u.Key} (read in {u.Source})"));
}
