using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Sandbox.QuickBooksDesktop;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>
/// The chaos faults of the simulated Web Connector and company file (<see cref="QuickBooksDesktopFaults"/>) against the real
/// endpoint over SOAP on loopback, with the outbox in Azurite: each fault happens, is counted, and leaves the queue in a
/// state the next session settles without losing or repeating a write.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuickBooksDesktopFaultsTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));
    private readonly QuickBooksDesktopSimulator _quickBooks = new();
    private WebConnectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WebConnectorTestHost.StartAsync(azurite.NewTables(), _time);
        _quickBooks.AddCustomer("Ada Lovelace");
        _quickBooks.AddInventoryItem("MUG-12", 40);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _quickBooks.Dispose();

    [Fact]
    public async Task Closed_LastsClosedUpdates_ThenTheQueuedWorkRuns()
    {
        // Arrange: every update starts a closure of three; the rate drops to zero after the first, the closure goes on.
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.CustomerQuery("c", new QbXmlListQuery { FullNames = ["Ada Lovelace"] }));
        _quickBooks.Faults.ClosedUpdates = 3;
        _quickBooks.Faults.Enable(closedRate: 1, dropRate: 0, concurrentEditRate: 0, serverErrorRate: 0, seed: 1);

        // Act
        var first = await RunAsync();
        _quickBooks.Faults.Enable(0, 0, 0, 0, seed: 1);
        var second = await RunAsync();
        var third = await RunAsync();
        var open = await RunAsync();

        // Assert
        foreach (var closed in (QuickBooksDesktopRun[])[first, second, third])
        {
            Assert.Equal(0, closed.RequestsProcessed);
            Assert.Contains("open QuickBooks Desktop", closed.LastError, StringComparison.Ordinal);
        }

        Assert.Equal(3, _quickBooks.Faults.ClosedSessions);
        Assert.Equal(1, open.RequestsProcessed);
        Assert.NotNull(await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "c"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Drop_EndsTheSessionWithoutCloseConnection_AndTheNextSessionWritesEachInvoiceOnce(int seed)
    {
        // Arrange
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add-1", Invoice("SS-1")));
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add-2", Invoice("SS-2")));
        _quickBooks.Faults.Enable(0, dropRate: 1, 0, 0, seed);

        // Act
        var dropped = await RunAsync();
        _quickBooks.Faults.Disable();
        var next = await RunAsync();

        // Assert: the first add was done by QuickBooks; its answer reached the endpoint unless the drop lost it.
        Assert.Equal(1, dropped.RequestsProcessed);
        Assert.Null(dropped.CloseMessage);
        Assert.Equal(1, _quickBooks.Faults.DroppedSessions);
        Assert.Equal(1, next.RequestsProcessed);
        Assert.NotNull(next.CloseMessage);
        var lost = _quickBooks.Faults.LostResponses == 1;
        Assert.Equal(lost ? QuickBooksDesktopRequestState.Unconfirmed : QuickBooksDesktopRequestState.Answered, await _host.Outbox.GetStateAsync(WebConnectorTestHost.ConnectionId, "add-1"));
        Assert.Equal(["SS-1", "SS-2"], _quickBooks.Invoices.Select(i => i.RefNumber).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConcurrentEdit_MakesTheModStale3200_AndIsCounted()
    {
        // Arrange
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add", Invoice("SS-3")));
        await RunAsync();
        var added = Assert.Single((await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "add"))!.Transactions());
        _quickBooks.Faults.Enable(0, 0, concurrentEditRate: 1, 0, seed: 1);

        // Act
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceMod("mod", added.TxnId, added.EditSequence, memo: "shipped"));
        await RunAsync();

        // Assert
        Assert.Equal(QbXmlStatus.StaleEditSequence, (await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "mod"))!.Status);
        Assert.Equal(1, _quickBooks.Faults.ConcurrentEdits);
        Assert.Equal(1, _quickBooks.StaleEditSequences);
        Assert.EndsWith("(edited in QuickBooks)", Assert.Single(_quickBooks.Invoices).Memo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_EndsTheUpdate_AndTheNextRunDoesTheWork()
    {
        // Arrange
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add", Invoice("SS-4")));
        _quickBooks.Faults.Enable(0, 0, 0, serverErrorRate: 1, seed: 1);

        // Act
        var failed = await RunAsync();
        _quickBooks.Faults.Disable();
        var next = await RunAsync();

        // Assert: the first SOAP call (clientVersion) got the 5xx, so nothing ran.
        Assert.Matches("^clientVersion: HTTP 50[23] ", failed.LastError);
        Assert.Equal(0, failed.RequestsProcessed);
        Assert.Equal(1, _quickBooks.Faults.ServerErrors);
        Assert.Equal(1, next.RequestsProcessed);
        Assert.Equal("SS-4", Assert.Single(_quickBooks.Invoices).RefNumber);
    }

    private static QbdInvoice Invoice(string refNumber) =>
        new("Ada Lovelace", new DateOnly(2026, 12, 6), refNumber, "ShipStation order", [new QbdInvoiceLine("MUG-12", "Ceramic mug", 2m, 12.5m)]);

    private Task<QuickBooksDesktopRun> RunAsync() => _quickBooks.RunUpdateAsync(_host.Endpoint, WebConnectorTestHost.UserName, WebConnectorTestHost.Password);
}
