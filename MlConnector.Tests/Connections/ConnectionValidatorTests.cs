using MlConnector.Core.Connections;

namespace MlConnector.Tests.Connections;

public class ConnectionValidatorTests
{
    private static Connection WithSetting(string system, string name, string value)
    {
        var acme = TableConnectionStoreTests.Acme();
        var settings = acme.Settings.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value.ToDictionary(x => x.Key, x => x.Value));
        var systemSettings = settings.TryGetValue(system, out var s) ? s.ToDictionary(x => x.Key, x => x.Value) : [];
        systemSettings[name] = value;
        settings[system] = systemSettings;
        return acme with { Settings = settings };
    }

    [Theory]
    [InlineData("qbo", "realmId", "91303-57", "settings.qbo.realmId")]
    [InlineData("qbo", "environment", "staging", "settings.qbo.environment")]
    [InlineData("shipstation", "apiVersion", "v3", "settings.shipstation.apiVersion")]
    [InlineData("shipstation", "baseUrl", "ftp://example.com", "settings.shipstation.baseUrl")]
    [InlineData("shipstation", "storeName", "Main", "settings.shipstation.storeName")]
    [InlineData("ups", "environment", "cie", "settings.ups")]
    public void Validate_BadSetting_NamesTheField(string system, string name, string value, string expectedField)
    {
        var ex = Assert.Throws<ConnectionValidationException>(() => ConnectionValidator.Validate(WithSetting(system, name, value)));

        Assert.Equal(expectedField, ex.Field);
        Assert.Contains(expectedField, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiSecret")]
    [InlineData("refresh_token")]
    [InlineData("shipperNumber")]
    public void Validate_CredentialInSettings_IsRejectedWithoutEchoingIt(string name)
    {
        var ex = Assert.Throws<ConnectionValidationException>(() => ConnectionValidator.Validate(WithSetting("shipstation", name, "s3cr3t-value")));

        Assert.Equal($"settings.shipstation.{name}", ex.Field);
        Assert.Contains("secret store", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme", "id")]
    [InlineData("a", "id")]
    [InlineData("acme/1", "id")]
    public void Validate_BadId_NamesId(string id, string expectedField)
    {
        var ex = Assert.Throws<ConnectionValidationException>(() => ConnectionValidator.Validate(TableConnectionStoreTests.Acme() with { Id = id }));

        Assert.Equal(expectedField, ex.Field);
    }

    [Fact]
    public void Validate_BadCronAndEmptyMappingTarget_ReportsBothFields()
    {
        var connection = TableConnectionStoreTests.Acme() with
        {
            Schedules = new Dictionary<string, string> { ["reconcile"] = "every 15 minutes" },
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["sku"] = new Dictionary<string, string> { ["TENT-2P"] = " " } },
        };

        var ex = Assert.Throws<ConnectionValidationException>(() => ConnectionValidator.Validate(connection));

        Assert.Equal(["mappings.sku.TENT-2P", "schedules.reconcile"], ex.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequiredSetting_NamesIt()
    {
        var connection = new Connection { Id = "acme-qbd", Kind = IntegrationKinds.QbdShipStation };

        var ex = Assert.Throws<ConnectionValidationException>(() => ConnectionValidator.Validate(connection));

        Assert.Equal("settings.qbd.qbwcUserName", ex.Field);
    }

    [Fact]
    public void Validate_GoodConnection_Passes()
    {
        ConnectionValidator.Validate(TableConnectionStoreTests.Acme());
        Assert.NotNull(ConnectionValidator.TryParseCron("0 */5 * * * *"));
    }
}
