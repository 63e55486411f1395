using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>
/// The outbox's index rows and in-flight set in Azurite: rows written before them (the old layout: queue rows only) are
/// found after the upgrade, an index pass cut short or an index row naming no row is repaired, racing writers queue each
/// request once, and an interrupted iterator of more pages than one transaction deletes is restarted.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuickBooksDesktopOutboxTests(AzuriteFixture azurite)
{
    private const string ConnectionId = "acme-qbd";
    private const string Partition = "queue|" + ConnectionId;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));
    private readonly TableProvider _tables = azurite.NewTables();

    [Fact]
    public async Task RowsWrittenBeforeTheIndex_AreFoundQueuedInOrderAndToldOnce_AndNotQueuedTwice()
    {
        // Arrange: the old layout, as a host before the upgrade left it: answered, sent, queued, answered-not-told, an add sent.
        var table = await TableAsync();
        await LegacyRowAsync(table, "00000000000000000001-0000000001", "a", "Answered", response: "<CustomerQueryRs requestID=\"a\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\" />");
        await LegacyRowAsync(table, "00000000000000000002-0000000001", "b", "Sent", instanceId: "wf-b");
        await LegacyRowAsync(table, "00000000000000000003-0000000001", "c", "Queued");
        await LegacyRowAsync(table, "00000000000000000004-0000000001", "d", "Answered", instanceId: "wf-d", response: "<CustomerQueryRs requestID=\"d\" statusCode=\"1\" statusSeverity=\"Info\" statusMessage=\"No match\" />", signalPending: true);
        await LegacyRowAsync(table, "00000000000000000005-0000000001", "f", "Sent", instanceId: "wf-f", requestXml: "<InvoiceAddRq requestID=\"f\" />");
        var sut = CreateSut();

        // Act
        await sut.EnqueueAsync(ConnectionId, Query("c"), "wf-c");
        await sut.EnqueueAsync(ConnectionId, Query("e"), "wf-e");
        var pending = await sut.CountPendingAsync(ConnectionId);
        var signals = await sut.PendingSignalsAsync(ConnectionId);
        await sut.SettleInterruptedAsync(ConnectionId);
        var sent = new List<string>();
        while (await sut.TakeNextAsync(ConnectionId) is { } request)
        {
            sent.Add((string)request.Attribute("requestID")!);
        }

        var afterSettle = await sut.PendingSignalsAsync(ConnectionId);

        // Assert
        Assert.Equal(4, pending);
        Assert.Equal([("wf-d", "d", (int?)1)], signals.Select(s => (s.InstanceId, s.Signal.RequestId, s.Signal.StatusCode)));
        Assert.Equal(["b", "c", "e"], sent);
        Assert.Equal([("wf-d", "d", QuickBooksDesktopRequestState.Answered), ("wf-f", "f", QuickBooksDesktopRequestState.Unconfirmed)], afterSettle.Select(s => (s.InstanceId, s.Signal.RequestId, s.Signal.State)));
        Assert.Equal(QuickBooksDesktopRequestState.Unconfirmed, await sut.GetStateAsync(ConnectionId, "f"));
        Assert.Equal(0, (await sut.GetAnswerAsync(ConnectionId, "a"))!.StatusCode);
        Assert.Equal(QuickBooksDesktopRequestState.Sent, await sut.GetStateAsync(ConnectionId, "c"));
        Assert.Null(await sut.GetStateAsync(ConnectionId, "never"));
        Assert.Equal(6, (await QueueRowsAsync(table)).Count);
    }

    [Fact]
    public async Task IndexPassCutShort_WithAnIndexRowNamingNothing_IsRepairedAndTheRequestQueued()
    {
        // Arrange: a pass that wrote an index row and died before the set, and an index row whose queue row is gone.
        var table = await TableAsync();
        await LegacyRowAsync(table, "00000000000000000001-0000000001", "a", "Queued");
        await table.AddEntityAsync(new TableEntity(Partition, "id|a") { ["QueueRowKey"] = "00000000000000000001-0000000001" });
        await table.AddEntityAsync(new TableEntity(Partition, "id|x") { ["QueueRowKey"] = "00000000000000000009-0000000009" });
        var sut = CreateSut();

        // Act
        var before = await sut.GetStateAsync(ConnectionId, "x");
        await sut.EnqueueAsync(ConnectionId, Query("x"));
        var first = await sut.TakeNextAsync(ConnectionId);
        var second = await sut.TakeNextAsync(ConnectionId);

        // Assert
        Assert.Null(before);
        Assert.Equal("a", (string?)first!.Attribute("requestID"));
        Assert.Equal("x", (string?)second!.Attribute("requestID"));
        Assert.Equal(QuickBooksDesktopRequestState.Sent, await sut.GetStateAsync(ConnectionId, "x"));
    }

    [Fact]
    public async Task IndexRowNamingNothing_AfterThePass_IsPointedAtTheNewRow()
    {
        // Arrange
        var table = await TableAsync();
        var sut = CreateSut();
        await sut.EnqueueAsync(ConnectionId, Query("a"));
        await table.UpsertEntityAsync(new TableEntity(Partition, "id|y") { ["QueueRowKey"] = "00000000000000000009-0000000009" });

        // Act
        await sut.EnqueueAsync(ConnectionId, Query("y"));
        await sut.EnqueueAsync(ConnectionId, Query("y"));

        // Assert
        Assert.Equal(2, await sut.CountPendingAsync(ConnectionId));
        Assert.Equal(QuickBooksDesktopRequestState.Queued, await sut.GetStateAsync(ConnectionId, "y"));
        Assert.Equal(["a", "y"], (await QueueRowsAsync(table)).Select(r => r.GetString("RequestId")));
    }

    [Fact]
    public async Task RacingEnqueues_QueueEachRequestOnce()
    {
        // Arrange: 12 requests, each enqueued twice at once (a retried workflow step racing its first run).
        var sut = CreateSut();
        var ids = Enumerable.Range(1, 12).Select(i => "r-" + i.ToString(CultureInfo.InvariantCulture)).ToList();

        // Act
        await Task.WhenAll(ids.Concat(ids).Select(id => sut.EnqueueAsync(ConnectionId, Query(id), "wf-" + id)));

        // Assert
        Assert.Equal(12, await sut.CountPendingAsync(ConnectionId));
        var rows = await QueueRowsAsync(await TableAsync());
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(r => r.GetString("RequestId")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InterruptedIteratorOfMorePagesThanOneTransaction_IsRestartedFromStartWithNoPageLeft()
    {
        // Arrange: 60 pages answered, the 61st's Continue sent when the session died.
        var sut = CreateSut();
        await sut.EnqueueAsync(ConnectionId, QbXmlRequests.ItemQuery("items", new QbXmlListQuery { MaxReturned = 1, Iterator = "Start" }), "wf-items");
        for (var page = 0; page <= 60; page++)
        {
            var request = (await sut.TakeNextAsync(ConnectionId))!;
            if (page < 60)
            {
                await sut.AnswerAsync(ConnectionId, XElement.Parse($"<ItemQueryRs requestID=\"{(string)request.Attribute("requestID")!}\" statusCode=\"0\" iteratorID=\"{{it-1}}\" iteratorRemainingCount=\"{100 - page}\" />"));
            }
        }

        var before = await sut.GetPagesAsync(ConnectionId, "items");

        // Act
        await sut.SettleInterruptedAsync(ConnectionId);
        var again = await sut.TakeNextAsync(ConnectionId);

        // Assert
        Assert.Equal(60, before.Count);
        Assert.Empty(await sut.GetPagesAsync(ConnectionId, "items"));
        Assert.Equal(("items", "Start", (string?)null), ((string?)again!.Attribute("requestID"), (string?)again.Attribute("iterator"), (string?)again.Attribute("iteratorID")));
        Assert.Null(await sut.TakeNextAsync(ConnectionId));
        Assert.Equal(["items"], (await QueueRowsAsync(await TableAsync())).Select(r => r.GetString("RequestId")));
        Assert.Null(await sut.GetStateAsync(ConnectionId, "items~1"));
        Assert.Empty(await sut.PendingSignalsAsync(ConnectionId));
    }

    private static XElement Query(string requestId) => QbXmlRequests.CustomerQuery(requestId, new QbXmlListQuery { FullNames = ["Ada Lovelace"] });

    private static async Task LegacyRowAsync(TableClient table, string rowKey, string requestId, string state, string? instanceId = null, string? response = null, bool signalPending = false, string? requestXml = null)
    {
        await table.AddEntityAsync(new TableEntity(Partition, rowKey)
        {
            ["RequestId"] = requestId,
            ["RequestXml"] = requestXml ?? Query(requestId).ToString(SaveOptions.DisableFormatting),
            ["State"] = state,
            ["InstanceId"] = instanceId,
            ["ResponseXml"] = response,
            ["SignalPending"] = signalPending,
        });
    }

    private static async Task<List<TableEntity>> QueueRowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition))
        {
            if (char.IsDigit(row.RowKey[0]))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private QuickBooksDesktopOutbox CreateSut() => new(_tables, _time);

    private async Task<TableClient> TableAsync() => await _tables.GetTableAsync(_tables.Names.QuickBooksDesktop);
}
