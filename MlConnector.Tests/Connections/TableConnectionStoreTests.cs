using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;
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

    [Fact]
    public async Task FindByUniqueSettingAsync_ConnectionsWrittenBeforeTheIndex_AreFoundAndIndexedOnce()
    {
        // Arrange: three connections as the previous version wrote them (no index rows).
        var tables = azurite.NewTables();
        var sut = new TableConnectionStore(tables, _time);
        await LegacyConnectionRow.WriteAsync(tables, Qbd("beta-qbd", "beta-qbwc"));
        await LegacyConnectionRow.WriteAsync(tables, Qbd("acme-qbd", "acme-qbwc"));
        await LegacyConnectionRow.WriteAsync(tables, Acme());

        // Act
        var beta = await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "beta-qbwc");
        var acme = await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc");
        var unknown = await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "nobody");

        // Assert: found, and the first look-up wrote an index row per user name and the marker.
        Assert.Equal("beta-qbd", beta?.Id);
        Assert.Equal("acme-qbd", acme?.Id);
        Assert.Null(unknown);
        Assert.Equal(["indexed", "value|acme-qbwc", "value|beta-qbwc"], await IndexRowsAsync(tables));
        Assert.Equal(["acme", "acme-qbd", "beta-qbd"], (await sut.ListAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task FindByUniqueSettingAsync_TwoOldConnectionsWithOneUserName_FindsTheLowestIdAsTheListingDid()
    {
        // Arrange
        var tables = azurite.NewTables();
        var sut = new TableConnectionStore(tables, _time);
        await LegacyConnectionRow.WriteAsync(tables, Qbd("zulu-qbd", "shared-qbwc"));
        await LegacyConnectionRow.WriteAsync(tables, Qbd("alpha-qbd", "shared-qbwc"));

        // Act
        var found = await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "shared-qbwc");

        // Assert
        Assert.Equal("alpha-qbd", found?.Id);
    }

    [Fact]
    public async Task CreateAsync_UserNameOfAnotherConnection_IsRefusedNamingTheSetting()
    {
        // Arrange
        var sut = CreateSut();
        await sut.CreateAsync(Qbd("acme-qbd", "acme-qbwc"));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectionValidationException>(() => sut.CreateAsync(Qbd("other-qbd", "acme-qbwc")));

        // Assert
        Assert.Equal("settings.qbd.qbwcUserName", ex.Field);
        Assert.Null(await sut.GetAsync("other-qbd"));
        Assert.Equal("acme-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc"))?.Id);
    }

    [Fact]
    public async Task CreateAsync_DuplicateIdWithANewUserName_GivesTheUserNameBack()
    {
        // Arrange
        var sut = CreateSut();
        await sut.CreateAsync(Qbd("acme-qbd", "acme-qbwc"));

        // Act
        await Assert.ThrowsAsync<ConnectionValidationException>(() => sut.CreateAsync(Qbd("acme-qbd", "second-qbwc")));
        var other = await sut.CreateAsync(Qbd("other-qbd", "second-qbwc"));

        // Assert
        Assert.Equal("other-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "second-qbwc"))?.Id);
        Assert.Equal("acme-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc"))?.Id);
        Assert.NotNull(other.Version);
    }

    [Fact]
    public async Task UpdateAsync_NewUserName_MovesTheIndexAndFreesTheOldName()
    {
        // Arrange
        var sut = CreateSut();
        var created = await sut.CreateAsync(Qbd("acme-qbd", "old-qbwc"));
        await sut.CreateAsync(Qbd("beta-qbd", "beta-qbwc"));

        // Act
        await sut.UpdateAsync(Qbd("acme-qbd", "new-qbwc") with { Version = created.Version });
        var taken = await Assert.ThrowsAsync<ConnectionValidationException>(() => sut.ChangeAsync("beta-qbd", c => Qbd("beta-qbd", "new-qbwc")));
        await sut.ChangeAsync("beta-qbd", c => Qbd("beta-qbd", "old-qbwc"));

        // Assert
        Assert.Equal("settings.qbd.qbwcUserName", taken.Field);
        Assert.Equal("acme-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "new-qbwc"))?.Id);
        Assert.Equal("beta-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "old-qbwc"))?.Id);
        Assert.Null(await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "beta-qbwc"));
    }

    [Fact]
    public async Task DeleteAsync_QbdConnection_FreesItsUserName()
    {
        // Arrange
        var tables = azurite.NewTables();
        var sut = new TableConnectionStore(tables, _time);
        await sut.CreateAsync(Qbd("acme-qbd", "acme-qbwc"));

        // Act
        var deleted = await sut.DeleteAsync("acme-qbd");
        var afterDelete = await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc");
        await sut.CreateAsync(Qbd("next-qbd", "acme-qbwc"));

        // Assert
        Assert.True(deleted);
        Assert.Null(afterDelete);
        Assert.Equal("next-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc"))?.Id);
    }

    [Fact]
    public async Task CreateAsync_IndexRowOfAConnectionThatIsGone_IsTakenOver()
    {
        // Arrange: a host stopped between claiming the user name and writing its connection.
        var tables = azurite.NewTables();
        var sut = new TableConnectionStore(tables, _time);
        var table = await tables.GetTableAsync(tables.Names.Connections);
        await table.AddEntityAsync(new TableEntity("unique|qbd|qbwcUserName", "value|acme-qbwc") { ["ConnectionId"] = "ghost-qbd" });

        // Act
        var before = await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc");
        await sut.CreateAsync(Qbd("acme-qbd", "acme-qbwc"));

        // Assert
        Assert.Null(before);
        Assert.Equal("acme-qbd", (await sut.FindByUniqueSettingAsync("qbd", "qbwcUserName", "acme-qbwc"))?.Id);
    }

    [Fact]
    public async Task FindByUniqueSettingAsync_SettingThatIsNotUnique_Throws()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<ArgumentException>(() => sut.FindByUniqueSettingAsync("qbo", "realmId", "4620816365"));
    }

    private static Connection Qbd(string id, string userName) => new()
    {
        Id = id,
        Kind = IntegrationKinds.QbdShipStation,
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["qbd"] = new Dictionary<string, string> { ["qbwcUserName"] = userName },
            ["shipstation"] = new Dictionary<string, string> { ["apiVersion"] = "v1" },
        },
    };

    private static async Task<List<string>> IndexRowsAsync(TableProvider tables)
    {
        var table = await tables.GetTableAsync(tables.Names.Connections);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "unique|qbd|qbwcUserName"))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
