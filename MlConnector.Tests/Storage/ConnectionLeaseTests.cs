using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Storage;

/// <summary>
/// <see cref="ConnectionLease"/> on real Azurite: one holder at a time, a lapsed lease taken over, and a pass requested of
/// the holder found by its release (the hand-over the UPS tracking write-back uses). Times are passed in, so nothing waits.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ConnectionLeaseTests(AzuriteFixture azurite)
{
    private const string ConnectionId = "lease-test";
    private const string Name = "ups-writeback|freshbooks-invoice|42";
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAcquireAsync_Held_IsRefusedUntilItLapsesThenTakenOver()
    {
        // Arrange: a holder that is then killed (it never renews nor releases).
        var tables = azurite.NewTables();
        var killed = await ConnectionLease.TryAcquireAsync(tables, ConnectionId, Name, "killed-host/1", Now, Duration);
        Assert.NotNull(killed);

        // Act
        var whileHeld = await ConnectionLease.TryAcquireAsync(tables, ConnectionId, Name, "next", Now + Duration - TimeSpan.FromSeconds(1), Duration);
        var afterLapse = await ConnectionLease.TryAcquireAsync(tables, ConnectionId, Name, "next", Now + Duration, Duration);

        // Assert: refused while running, taken once lapsed; the killed holder's late release leaves the new lease alone.
        Assert.Null(whileHeld);
        Assert.NotNull(afterLapse);
        Assert.Null(await killed.ReleaseOrTakeRequestAsync(tables, Now + Duration, Duration));
        Assert.Equal("next", (await ConnectionLease.ReadHolderAsync(tables, ConnectionId, Name))?.Owner);
    }

    [Fact]
    public async Task ReleaseOrTakeRequestAsync_PassRequested_TakesItOnceThenReleases()
    {
        // Arrange
        var tables = azurite.NewTables();
        var held = await ConnectionLease.TryAcquireAsync(tables, ConnectionId, Name, "holder", Now, Duration);
        Assert.NotNull(held);

        // Act: a second caller asks for a pass (twice: the second finds it asked).
        var asked = await ConnectionLease.RequestPassAsync(tables, ConnectionId, Name, Now);
        var askedAgain = await ConnectionLease.RequestPassAsync(tables, ConnectionId, Name, Now);
        var requested = await ConnectionLease.ReadHolderAsync(tables, ConnectionId, Name);
        var again = await held.ReleaseOrTakeRequestAsync(tables, Now, Duration);
        var taken = await ConnectionLease.ReadHolderAsync(tables, ConnectionId, Name);
        var released = again is null ? again : await again.ReleaseOrTakeRequestAsync(tables, Now, Duration);

        // Assert: the request is on the row, the first release takes it (the lease stays the holder's, request cleared),
        // the second releases.
        Assert.Equal("holder", asked?.Owner);
        Assert.Equal("holder", askedAgain?.Owner);
        Assert.True(requested?.Requested);
        Assert.NotNull(again);
        Assert.Equal(("holder", false), (taken!.Value.Owner, taken.Value.Requested));
        Assert.Null(released);
        Assert.Null(await ConnectionLease.ReadHolderAsync(tables, ConnectionId, Name));
    }

    [Fact]
    public async Task RenewAsync_PassRequested_KeepsTheRequestForTheRelease()
    {
        // Arrange
        var tables = azurite.NewTables();
        var held = await ConnectionLease.TryAcquireAsync(tables, ConnectionId, Name, "holder", Now, Duration);
        Assert.NotNull(held);
        await ConnectionLease.RequestPassAsync(tables, ConnectionId, Name, Now);

        // Act
        var renewed = await held.RenewAsync(tables, Now + TimeSpan.FromMinutes(1), Duration);

        // Assert: extended, still requested, and the release finds the request.
        var row = (await ConnectionLease.ReadHolderAsync(tables, ConnectionId, Name))!.Value;
        Assert.Equal((Now + TimeSpan.FromMinutes(3), true), (row.ExpiresUtc, row.Requested));
        Assert.NotNull(await renewed.ReleaseOrTakeRequestAsync(tables, Now + TimeSpan.FromMinutes(1), Duration));
    }

    [Fact]
    public async Task RequestPassAsync_NoneOrLapsed_ReturnsNull()
    {
        // Arrange
        var tables = azurite.NewTables();
        var none = await ConnectionLease.RequestPassAsync(tables, ConnectionId, Name, Now);
        await ConnectionLease.TryAcquireAsync(tables, ConnectionId, Name, "killed-host/1", Now, Duration);

        // Act
        var lapsed = await ConnectionLease.RequestPassAsync(tables, ConnectionId, Name, Now + Duration);

        // Assert
        Assert.Null(none);
        Assert.Null(lapsed);
        Assert.False((await ConnectionLease.ReadHolderAsync(tables, ConnectionId, Name))?.Requested);
    }
}
