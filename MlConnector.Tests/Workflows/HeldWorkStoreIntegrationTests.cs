using Azure.Data.Tables;
using MlConnector.Core.Connections;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// The holding row of <see cref="HeldWorkStore"/> on real Azurite: <see cref="ConnectionPauseGate.MustHoldAsync"/> answers
/// with point reads only (it runs before every start; a query scans the whole table in Azurite), says "hold" whenever work
/// is held, and lets work through again only once the queue is empty and the row cleared.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HeldWorkStoreIntegrationTests(AzuriteFixture azurite)
{
    private const string ConnectionId = "held-1";

    [Fact]
    public async Task MustHoldAsync_NothingEverHeld_IsFalseByPointReadsOnly()
    {
        // Arrange
        var (gate, counter) = NewGate();
        await gate.Store.IsHoldingAsync(ConnectionId); // creates the table
        counter.Reset();

        // Act
        var mustHold = await gate.MustHoldAsync(ConnectionId);

        // Assert
        Assert.False(mustHold);
        Assert.Equal(0, counter.Queries);
        Assert.Equal(2, counter.PointReads); // the connection's row, the holding row
    }

    [Fact]
    public async Task MustHoldAsync_WhileWorkIsHeldAndUntilTheHoldingRowIsCleared_IsTrue()
    {
        // Arrange: two items held for an unpaused connection (a release in progress).
        var (gate, _) = NewGate();
        var store = gate.Store;
        await store.HoldAsync(ConnectionId, HeldWorkKind.Replay, "i1", null, null);
        await store.HoldAsync(ConnectionId, HeldWorkKind.Replay, "i2", null, null);
        var held = await store.ListAsync(ConnectionId);

        // Act: release them one by one, trying to clear the holding row after each.
        var whileHeld = await gate.MustHoldAsync(ConnectionId);
        await store.RemoveAsync(held[0]);
        var clearedWithOneLeft = await store.ClearHoldingAsync(ConnectionId);
        var withOneLeft = await gate.MustHoldAsync(ConnectionId);
        await store.RemoveAsync(held[1]);
        var emptyNotCleared = await gate.MustHoldAsync(ConnectionId);
        var cleared = await store.ClearHoldingAsync(ConnectionId);
        var afterClear = await gate.MustHoldAsync(ConnectionId);
        await store.HoldAsync(ConnectionId, HeldWorkKind.Replay, "i3", null, null);
        var heldAgain = await gate.MustHoldAsync(ConnectionId);

        // Assert
        Assert.True(whileHeld);
        Assert.False(clearedWithOneLeft);
        Assert.True(withOneLeft);
        Assert.True(emptyNotCleared); // a stale row holds (safe) until a release clears it
        Assert.True(cleared);
        Assert.False(afterClear);
        Assert.True(heldAgain);
    }

    [Fact]
    public async Task ClearHoldingAsync_HoldAlreadyRecorded_KeepsTheRow()
    {
        // Arrange: the same work held twice (a redelivered webhook): the second hold writes nothing.
        var (gate, _) = NewGate();
        var store = gate.Store;
        Assert.True(await store.HoldAsync(ConnectionId, HeldWorkKind.Start, "s1", "Orchestrator", "{}"));
        Assert.False(await store.HoldAsync(ConnectionId, HeldWorkKind.Start, "s1", "Orchestrator", "{}"));

        // Act
        var cleared = await store.ClearHoldingAsync(ConnectionId);

        // Assert
        Assert.False(cleared);
        Assert.True(await store.IsHoldingAsync(ConnectionId));
        Assert.Single(await store.ListAsync(ConnectionId));
    }

    [Fact]
    public async Task MustHoldAsync_WorkHeldByAVersionWithoutTheHoldingRow_HoldsAfterOneQueryThenByPointReads()
    {
        // Arrange: a queue row and its marker as the version before the holding row wrote them (one transaction, no `h`).
        var (gate, counter, tables) = NewGateWithTables();
        var table = await tables.GetTableAsync(tables.Names.HeldWork);
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(ConnectionId, "m|Replay|old-1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(ConnectionId, "q|0638999999999999999|0123456789abcdef0123456789abcdef")
            {
                ["Kind"] = "Replay",
                ["InstanceId"] = "old-1",
                ["HeldUtc"] = DateTimeOffset.UnixEpoch,
                ["Marker"] = "m|Replay|old-1",
            }),
        ]);
        counter.Reset();

        // Act
        var first = await gate.MustHoldAsync(ConnectionId);
        var queriesFirst = counter.Queries;
        counter.Reset();
        var second = await gate.MustHoldAsync(ConnectionId);

        // Assert: held behind the old work, and the partition's one query is not repeated.
        Assert.True(first);
        Assert.Equal(1, queriesFirst);
        Assert.True(second);
        Assert.Equal(0, counter.Queries);
        Assert.Equal("old-1", Assert.Single(await gate.Store.ListAsync(ConnectionId)).InstanceId);
    }

    [Fact]
    public async Task MustHoldAsync_HoldingRowOfTheVersionBefore_HoldsUntilClearedThenNot()
    {
        // Arrange: session 9's holding row (no Holding property: it held by existing) over an empty queue.
        var (gate, counter, tables) = NewGateWithTables();
        var table = await tables.GetTableAsync(tables.Names.HeldWork);
        await table.AddEntityAsync(new TableEntity(ConnectionId, "h") { ["LastHeldUtc"] = DateTimeOffset.UnixEpoch });

        // Act
        var before = await gate.MustHoldAsync(ConnectionId);
        var cleared = await gate.Store.ClearHoldingAsync(ConnectionId);
        counter.Reset();
        var after = await gate.MustHoldAsync(ConnectionId);

        // Assert
        Assert.True(before);
        Assert.True(cleared);
        Assert.False(after);
        Assert.Equal(0, counter.Queries);
    }

    private (ConnectionPauseGate Gate, TableQueryCounter Counter) NewGate()
    {
        var (gate, counter, _) = NewGateWithTables();
        return (gate, counter);
    }

    private (ConnectionPauseGate Gate, TableQueryCounter Counter, TableProvider Tables) NewGateWithTables()
    {
        var counter = new TableQueryCounter();
        var tables = new TableProvider(counter.NewClient(azurite.ConnectionString), new StorageNames(azurite.NewPrefix()));
        return (new ConnectionPauseGate(new TableConnectionStore(tables, TimeProvider.System), new HeldWorkStore(tables, TimeProvider.System)), counter, tables);
    }
}
