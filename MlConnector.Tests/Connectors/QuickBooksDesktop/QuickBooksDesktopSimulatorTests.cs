using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Sandbox.QuickBooksDesktop;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>
/// The simulated Web Connector and company file driving the real endpoint over SOAP on loopback, with the outbox in
/// Azurite and every request checked against the qbXML 16.0 XSDs by the simulated QuickBooks.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuickBooksDesktopSimulatorTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, ContractFiles.PathOf("quickbooks-desktop/qbxml-xsd/16.0/qbxmlops160.xsd"));
        set.Compile();
        return set;
    });

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));
    private readonly QuickBooksDesktopSimulator _quickBooks = new(Schemas.Value);
    private WebConnectorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WebConnectorTestHost.StartAsync(azurite.NewTables(), _time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _quickBooks.Dispose();

    [Fact]
    public async Task Iterator_PagesA2000ItemListInOneSession()
    {
        for (var i = 0; i < 2000; i++)
        {
            _quickBooks.AddInventoryItem($"SKU-{i:D4}", i % 7);
        }

        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.ItemQuery("items", new QbXmlListQuery { MaxReturned = QbXmlRequests.DefaultMaxReturned, Iterator = "Start" }));

        var run = await RunAsync();
        var pages = await _host.Outbox.GetPagesAsync(WebConnectorTestHost.ConnectionId, "items");

        Assert.Equal(20, run.RequestsProcessed);
        Assert.Equal(20, run.ResponsesReported);
        Assert.Null(run.LastError);
        Assert.Equal(20, pages.Count);
        var names = pages.SelectMany(p => p.ListEntities()).Select(e => e.FullName).ToList();
        Assert.Equal(2000, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, pages[^1].IteratorRemainingCount);
    }

    [Fact]
    public async Task Iterator_WhoseSessionDiesMidPages_RestartsFromStartInTheNextSession_AndPagesEveryItemOnce()
    {
        // Arrange: 450 items, 100 a page; the session ends after the second page (QBWC closed), the third page's Continue queued.
        for (var i = 0; i < 450; i++)
        {
            _quickBooks.AddInventoryItem($"SKU-{i:D4}", 1);
        }

        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.ItemQuery("items", new QbXmlListQuery { MaxReturned = QbXmlRequests.DefaultMaxReturned, Iterator = "Start" }));
        _quickBooks.EndRunAfter = 2;

        // Act
        var died = await RunAsync();
        var before = await _host.Outbox.GetPagesAsync(WebConnectorTestHost.ConnectionId, "items");
        var next = await RunAsync();
        var pages = await _host.Outbox.GetPagesAsync(WebConnectorTestHost.ConnectionId, "items");

        // Assert: the dead iterator was not continued (QuickBooks would refuse its ID) but started again, and paged all items once.
        Assert.Equal(2, died.RequestsProcessed);
        Assert.Equal(2, died.ResponsesReported); // Progress, though the session never reached closeConnection.
        Assert.Null(died.CloseMessage);
        Assert.Equal(2, before.Count);
        Assert.Null(next.LastError);
        Assert.Equal(5, next.RequestsProcessed);
        Assert.Equal(5, pages.Count);
        Assert.All(pages, p => Assert.True(p.Succeeded));
        var names = pages.SelectMany(p => p.ListEntities()).Select(e => e.FullName).ToList();
        Assert.Equal(450, names.Count);
        Assert.Equal(450, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, pages[^1].IteratorRemainingCount);
        Assert.NotEqual(before[0].IteratorId, pages[0].IteratorId);
    }

    [Fact]
    public async Task LostResponse_TheAddIsNotResent_AndARequeryFindsTheInvoice()
    {
        _quickBooks.AddCustomer("Ada Lovelace");
        _quickBooks.AddInventoryItem("MUG-12", 40);
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add-1001", Invoice("SS-1001")));
        _quickBooks.LoseNextResponse = true;

        var lost = await RunAsync();
        var next = await RunAsync();
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceQueryByRefNumber("check-1001", ["SS-1001"]));
        await RunAsync();

        Assert.Equal(1, lost.RequestsProcessed);
        Assert.Equal(0, lost.ResponsesReported); // QuickBooks did the add, but its answer never reached the endpoint.
        Assert.False(next.HadWork);
        Assert.Equal(QuickBooksDesktopRequestState.Unconfirmed, await _host.Outbox.GetStateAsync(WebConnectorTestHost.ConnectionId, "add-1001"));
        Assert.Single(_quickBooks.Invoices, i => i.RefNumber == "SS-1001");
        var found = await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "check-1001");
        Assert.Equal("SS-1001", Assert.Single(found!.Transactions()).RefNumber);
    }

    [Fact]
    public async Task StaleEditSequence_Is3200_AndTheReReadOneWorks()
    {
        _quickBooks.AddCustomer("Ada Lovelace");
        _quickBooks.AddInventoryItem("MUG-12", 40);
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add", Invoice("SS-2002")));
        await RunAsync();
        var added = Assert.Single((await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "add"))!.Transactions());
        _quickBooks.EditInvoiceInQuickBooks("SS-2002", "changed by the bookkeeper");

        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceMod("mod-1", added.TxnId, added.EditSequence, memo: "shipped"));
        await RunAsync();
        var stale = await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "mod-1");
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceQueryByRefNumber("reread", ["SS-2002"]));
        await RunAsync();
        var current = Assert.Single((await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "reread"))!.Transactions());
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceMod("mod-2", current.TxnId, current.EditSequence, memo: "shipped"));
        await RunAsync();

        Assert.Equal(QbXmlStatus.StaleEditSequence, stale!.Status);
        Assert.NotEqual(added.EditSequence, current.EditSequence);
        Assert.True((await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "mod-2"))!.Succeeded);
        Assert.Equal("shipped", Assert.Single(_quickBooks.Invoices).Memo);
    }

    [Fact]
    public async Task UnknownItem_IsAnErrorAnswer_AndCreatesNothing()
    {
        _quickBooks.AddCustomer("Ada Lovelace");
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.InvoiceAdd("add", Invoice("SS-3003")));

        await RunAsync();
        var answer = await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "add");

        Assert.Equal(3140, answer!.StatusCode);
        Assert.Contains("MUG-12", answer.StatusMessage, StringComparison.Ordinal);
        Assert.Empty(_quickBooks.Invoices);
    }

    [Fact]
    public async Task QuickBooksClosed_ExplainsWhy_AndTheWorkWaitsForTheNextRun()
    {
        _quickBooks.AddCustomer("Ada Lovelace");
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, QbXmlRequests.CustomerQuery("c", new QbXmlListQuery { FullNames = ["Ada Lovelace"] }));
        _quickBooks.QuickBooksClosed = true;

        var closed = await RunAsync();
        _quickBooks.QuickBooksClosed = false;
        var open = await RunAsync();

        Assert.Contains("open QuickBooks Desktop", closed.LastError, StringComparison.Ordinal);
        Assert.Equal(0, closed.RequestsProcessed);
        Assert.Equal(1, open.RequestsProcessed);
        Assert.Equal("Ada Lovelace", Assert.Single((await _host.Outbox.GetAnswerAsync(WebConnectorTestHost.ConnectionId, "c"))!.ListEntities()).FullName);
    }

    [Fact]
    public async Task InvalidQbXml_IsReportedWithQuickBooksParseError()
    {
        // Out of XSD order: QuickBooks refuses the whole document with HRESULT 0x80040400.
        var bad = new XElement("InvoiceAddRq", new XAttribute("requestID", "bad"), new XElement("InvoiceAdd", new XElement("CustomerRef", new XElement("FullName", "Ada")), new XElement("Memo", "x"), new XElement("TxnDate", "2026-12-06")));
        await _host.Outbox.EnqueueAsync(WebConnectorTestHost.ConnectionId, bad);

        var run = await RunAsync();

        Assert.Contains("0x80040400", run.LastError, StringComparison.Ordinal);
        Assert.Empty(_quickBooks.Invoices);
    }

    [Fact]
    public async Task WrongPassword_IsNotAuthenticated()
    {
        var run = await _quickBooks.RunUpdateAsync(_host.Endpoint, WebConnectorTestHost.UserName, "wrong");

        Assert.False(run.Authenticated);
    }

    private static QbdInvoice Invoice(string refNumber) =>
        new("Ada Lovelace", new DateOnly(2026, 12, 6), refNumber, "ShipStation order", [new QbdInvoiceLine("MUG-12", "Ceramic mug", 2m, 12.5m)]);

    private Task<QuickBooksDesktopRun> RunAsync() => _quickBooks.RunUpdateAsync(_host.Endpoint, WebConnectorTestHost.UserName, WebConnectorTestHost.Password);
}
