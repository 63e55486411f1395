using Azure.Data.Tables;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class TableProviderIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetTableAsync_FirstUse_CreatesTableInAzurite()
    {
        // Arrange
        var sut = azurite.NewTables();

        // Act
        var table = await sut.GetTableAsync(sut.Names.Audit);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["X"] = 1 });

        // Assert
        var names = new List<string>();
        await foreach (var t in azurite.TableService.QueryAsync(t => t.Name == sut.Names.Audit))
        {
            names.Add(t.Name);
        }

        Assert.Equal([sut.Names.Audit], names);
        Assert.Null(await sut.ProbeAsync());
    }

    [Fact]
    public async Task ProbeAsync_StorageDown_ReportsReason()
    {
        // Arrange: a port nobody listens on.
        var sut = new Core.Storage.TableProvider(AzuriteFixture.UnreachableTableService(), new Core.Storage.StorageNames("x"));

        // Act
        var reason = await sut.ProbeAsync();

        // Assert
        Assert.NotNull(reason);
    }
}
