using Azure.Data.Tables;
using MlConnector.Core.Connections;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Shipping.Ups;

/// <summary>
/// The shipments-by-document index of <see cref="UpsShipmentStore"/> on real Azurite: a document's packages are read by
/// point reads (a query scans the whole table in Azurite), rows written before the index are found by a one-time pass,
/// and the index rows never show up as packages.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsShipmentStoreIntegrationTests(AzuriteFixture azurite)
{
    private const string ConnectionId = "ups-store-1";
    private const string System = "fb-invoice";

    [Fact]
    public async Task GetBySourceAsync_AfterSaves_ReadsEachDocumentsPackagesByPointReadsOnly()
    {
        // Arrange: document 7 ships twice (two packages, then one more), document 8 once; document 9 never.
        var (sut, counter, _) = NewStore();
        await sut.SaveAsync([Row("1ZB", "7", "1ZA"), Row("1ZA", "7", "1ZA"), Row("1ZC", "8", "1ZC")]);
        await sut.SaveAsync([Row("1Z0", "7", "1Z0")]);
        Assert.Empty(await sut.GetBySourceAsync(ConnectionId, System, "9")); // the connection's first read
        counter.Reset();

        // Act
        var seven = await sut.GetBySourceAsync(ConnectionId, System, "7");
        var eight = await sut.GetBySourceAsync(ConnectionId, System, "8");
        var nine = await sut.GetBySourceAsync(ConnectionId, System, "9");
        var otherSystem = await sut.GetBySourceAsync(ConnectionId, "qbo-po", "7");

        // Assert
        Assert.Equal(["1Z0", "1ZA", "1ZB"], seven.Select(r => r.TrackingNumber));
        Assert.Equal(["1Z0", "1ZA", "1ZA"], seven.Select(r => r.ShipmentIdentificationNumber));
        Assert.Equal("1ZC", Assert.Single(eight).TrackingNumber);
        Assert.Empty(nine);
        Assert.Empty(otherSystem);
        Assert.Equal(0, counter.Queries);
        Assert.Equal((1 + 3) + (1 + 1) + 2 + 2, counter.PointReads); // index + its rows (7, 8); index + marker (9, other system)
    }

    [Fact]
    public async Task GetBySourceAsync_RowsWrittenBeforeTheIndex_FindsThemByOnePassThenByPointReads()
    {
        // Arrange: rows as the store wrote them before the index, one of them a legacy qbo-ups row (purchase order only).
        var (sut, counter, tables) = NewStore();
        var table = await tables.GetTableAsync(tables.Names.UpsShipments);
        await table.UpsertEntityAsync(Raw("1ZE", sourceId: "5"));
        await table.UpsertEntityAsync(Raw("1ZD", sourceId: "5"));
        await table.UpsertEntityAsync(new UpsShipmentEntity
        {
            PartitionKey = ConnectionId,
            RowKey = "1ZP",
            PurchaseOrderId = "130",
            PurchaseOrderNumber = "1003",
            ShipmentIdentificationNumber = "1ZP",
            ServiceCode = "03",
            CurrencyCode = "USD",
            Charge = "9.10",
        });

        // Act
        var first = await sut.GetBySourceAsync(ConnectionId, System, "5");
        var queriesByPass = counter.Queries;
        counter.Reset();
        var again = await sut.GetBySourceAsync(ConnectionId, System, "5");
        var legacy = await sut.GetBySourceAsync(ConnectionId, UpsShipmentStore.LegacySourceSystem, "130");
        var unshipped = await sut.GetBySourceAsync(ConnectionId, System, "6");

        // Assert
        Assert.Equal(["1ZD", "1ZE"], first.Select(r => r.TrackingNumber));
        Assert.Equal(1, queriesByPass);
        Assert.Equal(["1ZD", "1ZE"], again.Select(r => r.TrackingNumber));
        Assert.Equal(9.10m, Assert.Single(legacy).Charge);
        Assert.Empty(unshipped);
        Assert.Equal(0, counter.Queries);
    }

    [Fact]
    public async Task ListUndeliveredAsync_WithIndexRows_ListsOnlyPackages()
    {
        // Arrange
        var (sut, _, _) = NewStore();
        await sut.SaveAsync([Row("1ZF", "11", "1ZF"), Row("1ZG", "11", "1ZF")]);
        await sut.GetBySourceAsync(ConnectionId, System, "12");

        // Act
        var undelivered = await sut.ListUndeliveredAsync(ConnectionId);
        var recorded = await sut.FindRecordedAsync(["1ZF", "1ZG"]);

        // Assert
        Assert.Equal(["1ZF", "1ZG"], undelivered.Select(r => r.TrackingNumber).Order(StringComparer.Ordinal));
        Assert.Equal(2, recorded.Count);
    }

    private static UpsShipmentRecord Row(string trackingNumber, string sourceId, string shipmentId) => new()
    {
        ConnectionId = ConnectionId,
        TrackingNumber = trackingNumber,
        IntegrationKind = IntegrationKinds.FreshBooksUps,
        Source = new SourceDocument(System, sourceId, "INV-" + sourceId, "Invoice"),
        ShipmentIdentificationNumber = shipmentId,
        ServiceCode = "03",
        Charge = 12.5m,
        CurrencyCode = "USD",
        CreatedUtc = DateTimeOffset.UnixEpoch,
    };

    private static UpsShipmentEntity Raw(string trackingNumber, string sourceId) => new()
    {
        PartitionKey = ConnectionId,
        RowKey = trackingNumber,
        IntegrationKind = IntegrationKinds.FreshBooksUps,
        SourceSystem = System,
        SourceId = sourceId,
        SourceNumber = "INV-" + sourceId,
        SourceTitle = "Invoice",
        ShipmentIdentificationNumber = "1ZD",
        ServiceCode = "03",
        CurrencyCode = "USD",
        Charge = "12.50",
    };

    private (UpsShipmentStore Store, TableQueryCounter Counter, TableProvider Tables) NewStore()
    {
        var counter = new TableQueryCounter();
        var tables = new TableProvider(counter.NewClient(azurite.ConnectionString), new StorageNames(azurite.NewPrefix()));
        var blobs = new BlobContainerProvider(azurite.BlobService.GetBlobContainerClient(azurite.NewPrefix()));
        return (new UpsShipmentStore(tables, blobs), counter, tables);
    }
}
