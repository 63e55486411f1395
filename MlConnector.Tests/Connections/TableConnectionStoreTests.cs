using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connections;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class TableConnectionStoreTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    internal static Connection Acme(string id = "acme") => new()
    {
        Id = id,
        Kind = IntegrationKinds.ShipStationQbo,
        DisplayName = "Acme Outdoor",
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["shipstation"] = new Dictionary<string, string> { ["apiVersion"] = "v1", ["storeId"] = "12345" },
            ["qbo"] = new Dictionary<string, string> { ["realmId"] = "9130357766900456", ["environment"] = "sandbox" },
        },
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["sku"] = new Dictionary<string, string> { ["TENT-2P"] = "21", ["STOVE-1"] = "22" },
            ["shippingMethod"] = new Dictionary<string, string> { ["ups_ground"] = "31" },
        },
        Schedules = new Dictionary<string, string> { ["reconcile"] = "*/15 * * * *" },
    };

    private TableConnectionStore CreateSut() => new(azurite.NewTables(), _time);

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsSettingsMappingsAndSchedules()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var created = await sut.CreateAsync(Acme());
        var read = await sut.GetAsync("acme");

        // Assert
        Assert.NotNull(read);
        Assert.Equal(IntegrationKinds.ShipStationQbo, read.Kind);
        Assert.Equal("9130357766900456", read.GetSetting("qbo", "realmId"));
        Assert.Equal("21", read.GetMapping("sku", "TENT-2P"));
        Assert.Equal("*/15 * * * *", read.Schedules["reconcile"]);
        Assert.Equal(_time.GetUtcNow(), read.CreatedUtc);
        Assert.Equal(created.Version, read.Version);
        Assert.False(read.Paused);
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_IsRejectedNamingId()
    {
        var sut = CreateSut();
        await sut.CreateAsync(Acme());

        var ex = await Assert.ThrowsAsync<ConnectionValidationException>(() => sut.CreateAsync(Acme()));

        Assert.Equal("id", ex.Field);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_IsConflict()
    {
        // Arrange
        var sut = CreateSut();
        var v1 = await sut.CreateAsync(Acme());
        await sut.UpdateAsync(v1 with { DisplayName = "Acme Outdoor LLC" });

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => sut.UpdateAsync(v1 with { DisplayName = "Lost update" }));

        // Assert
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Equal("Acme Outdoor LLC", (await sut.GetAsync("acme"))!.DisplayName);
    }

    [Fact]
    public async Task PauseAndResume_FlipTheFlagAndKeepTheReason()
    {
        var sut = CreateSut();
        await sut.CreateAsync(Acme());

        var paused = await sut.PauseAsync("acme", "QBO consent expired");
        var readPaused = await sut.GetAsync("acme");
        var resumed = await sut.ResumeAsync("acme");

        Assert.True(paused.Paused);
        Assert.Equal("QBO consent expired", readPaused!.PausedReason);
        Assert.False(resumed.Paused);
        Assert.Null((await sut.GetAsync("acme"))!.PausedReason);
    }

    [Fact]
    public async Task ListAndFindByRoutingKey_FilterByKindAndRealm()
    {
        // Arrange
        var sut = CreateSut();
        await sut.CreateAsync(Acme("acme"));
        await sut.CreateAsync(Acme("globex") with
        {
            Kind = IntegrationKinds.QboUps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["qbo"] = new Dictionary<string, string> { ["realmId"] = "4620816365" },
                ["ups"] = new Dictionary<string, string> { ["environment"] = "cie" },
            },
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(),
        });

        // Act
        var all = await sut.ListAsync();
        var qboUps = await sut.ListAsync(IntegrationKinds.QboUps);
        var byRealm = await sut.FindByRoutingKeyAsync("qbo", "4620816365");
        var unknownRealm = await sut.FindByRoutingKeyAsync("qbo", "1' or RowKey eq 'connection");

        // Assert
        Assert.Equal(["acme", "globex"], all.Select(c => c.Id));
        Assert.Equal(["globex"], qboUps.Select(c => c.Id));
        Assert.Equal(["globex"], byRealm.Select(c => c.Id));
        Assert.Empty(unknownRealm);
    }

    [Fact]
    public async Task CreateAsync_ThousandsOfSkuMappings_AreStoredAcrossChunks()
    {
        // Arrange: about 120 000 characters of mappings, beyond one 64 KiB table property.
        var sut = CreateSut();
        var skus = Enumerable.Range(0, 3000).ToDictionary(i => $"SKU-{i:D6}-LONGER-NAME", i => (1000 + i).ToString(CultureInfo.InvariantCulture));
        var connection = Acme() with { Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["sku"] = skus } };

        // Act
        await sut.CreateAsync(connection);
        var read = await sut.GetAsync("acme");

        // Assert
        Assert.Equal(3000, read!.Mappings["sku"].Count);
        Assert.Equal("3999", read.GetMapping("sku", "SKU-002999-LONGER-NAME"));
    }

    [Fact]
    public async Task CreateAsync_InvalidSettings_IsRejectedAndNothingIsStored()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<ConnectionValidationException>(() => sut.CreateAsync(Acme() with { Kind = "shipstation-xero" }));

        Assert.Null(await sut.GetAsync("acme"));
    }
}
