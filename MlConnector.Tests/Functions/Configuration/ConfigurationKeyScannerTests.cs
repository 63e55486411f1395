namespace MlConnector.Tests.Functions.Configuration;

public class ConfigurationKeyScannerTests
{
    private static readonly IReadOnlySet<string> Provided = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Schedules:HealthProbe",
        "Storage:ConnectionString",
        "Widgets:Endpoint",
    };

    [Fact]
    public void ScanCSharp_NewTimerScheduleWithoutSetting_IsReportedMissing()
    {
        // Arrange: someone adds a timer on a schedule nobody configured.
        const string source = """
            public sealed class ShipStationPollTimer
            {
                [Function(nameof(ShipStationPollTimer))]
                public Task RunAsync([TimerTrigger("%Schedules:ShipStationPoll%")] TimerInfo timer) => Task.CompletedTask;
            }
            """;

        // Act
        var uses = ConfigurationKeyScanner.ScanCSharp([("Timers/ShipStationPollTimer.cs", source)]);
        var missing = ConfigurationKeyScanner.Missing(uses, Provided);

        // Assert
        var only = Assert.Single(missing);
        Assert.Equal("Schedules:ShipStationPoll", only.Key);
        Assert.Equal("Timers/ShipStationPollTimer.cs", only.Source);
    }

    [Fact]
    public void ScanCSharp_TimerScheduleWithSetting_IsSatisfied()
    {
        // Arrange
        const string source = """[TimerTrigger("%Schedules:HealthProbe%")] TimerInfo timer""";

        // Act
        var uses = ConfigurationKeyScanner.ScanCSharp([("HealthProbeTimer.cs", source)]);

        // Assert
        Assert.Equal("Schedules:HealthProbe", Assert.Single(uses).Key);
        Assert.Empty(ConfigurationKeyScanner.Missing(uses, Provided));
    }

    [Fact]
    public void ScanCSharp_OptionsClass_ReadsEverySettablePropertyUnderItsSection()
    {
        // Arrange
        const string source = """
            public sealed class WidgetOptions
            {
                public const string SectionName = "Widgets";
                [Required]
                public Uri? Endpoint { get; set; }
                public int MaxPerMinute { get; init; } = 40;
                public bool IsConfigured => Endpoint is not null;
            }
            """;

        // Act
        var uses = ConfigurationKeyScanner.ScanCSharp([("WidgetOptions.cs", source)]);
        var missing = ConfigurationKeyScanner.Missing(uses, Provided);

        // Assert
        Assert.Equal(["Widgets:Endpoint", "Widgets:MaxPerMinute"], uses.Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Widgets:MaxPerMinute", Assert.Single(missing).Key);
    }

    [Fact]
    public void ScanCSharp_IndexerAndGetValueWithLiteralsAndConstants_ResolvesKeys()
    {
        // Arrange
        const string settings = """
            internal static class AppSettings
            {
                public const string Insights = "APPLICATIONINSIGHTS_CONNECTION_STRING";
            }
            """;
        const string program = """
            var a = builder.Configuration[AppSettings.Insights];
            var b = configuration.GetValue<int>("Limits__Max");
            var c = configuration.GetSection("Vendors:Ups");
            var d = configuration.GetConnectionString("Ledger");
            """;

        // Act
        var uses = ConfigurationKeyScanner.ScanCSharp([("AppSettings.cs", settings), ("Program.cs", program)]);

        // Assert
        Assert.Equal(
            ["APPLICATIONINSIGHTS_CONNECTION_STRING", "ConnectionStrings:Ledger", "Limits:Max", "Vendors:Ups"],
            uses.Select(u => u.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_SectionRead_IsSatisfiedByAKeyBelowIt()
    {
        // Arrange
        var uses = new[] { new ConfigurationKeyUse("storage", "Core.cs"), new ConfigurationKeyUse("Store", "Core.cs") };

        // Act
        var missing = ConfigurationKeyScanner.Missing(uses, Provided);

        // Assert: "Storage" is provided by Storage:ConnectionString; "Store" is not a prefix match of "Storage".
        Assert.Equal("Store", Assert.Single(missing).Key);
    }

    [Fact]
    public void ScanHostJson_HubNameFromAppSetting_IsARead()
    {
        // Arrange
        const string json = """{ "extensions": { "durableTask": { "hubName": "%DurableTaskHubName%" } } }""";

        // Act
        var uses = ConfigurationKeyScanner.ScanHostJson("host.json", json);

        // Assert
        Assert.Equal("DurableTaskHubName", Assert.Single(uses).Key);
    }

    [Fact]
    public void ReadLocalSettingsKeys_DoubleUnderscoreKeys_AreNormalized()
    {
        // Arrange
        const string json = """{ "IsEncrypted": false, "Values": { "Storage__ConnectionString": "UseDevelopmentStorage=true", "Schedules:HealthProbe": "0 */5 * * * *" } }""";

        // Act
        var keys = ConfigurationKeyScanner.ReadLocalSettingsKeys(json);

        // Assert
        Assert.Equal(["Schedules:HealthProbe", "Storage:ConnectionString"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadBicepAppSettingKeys_AppSettingsObject_ReturnsItsKeysOnly()
    {
        // Arrange
        const string bicep = """
            param other object = {
              NotAnAppSetting: 'x'
            }
            var appSettings = {
              AzureWebJobsStorage__accountName: storageAccountName
              'Schedules__HealthProbe': '0 */5 * * * *'
              APPLICATIONINSIGHTS_CONNECTION_STRING: '@Microsoft.KeyVault(SecretUri=${uri})'
            }
            """;

        // Act
        var keys = ConfigurationKeyScanner.ReadBicepAppSettingKeys(bicep);

        // Assert
        Assert.Equal(
            ["APPLICATIONINSIGHTS_CONNECTION_STRING", "AzureWebJobsStorage:accountName", "Schedules:HealthProbe"],
            keys.Order(StringComparer.Ordinal));
    }
}
