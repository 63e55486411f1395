using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Connectors.QuickBooksOnline;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

/// <summary>
/// The batched shipment path with the real QBO client against the QBO simulator (query and batch endpoints) over loopback,
/// and the real ledger, audit trail and snapshot store on Azurite; the workflow client (which starts a handed-off
/// shipment's own workflow) is the collaborator that is mocked.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShipStationQboShipmentBatchSyncTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    private readonly Mock<IWorkflowClient> _workflows = new();
    private QboClientHarness _harness = null!;
    private ShipStationSnapshotStore _snapshots = null!;
    private TableAuditTrail _audit = null!;
    private TableIdempotencyLedger _ledger = null!;
    private string _customerId = null!;
    private string _itemId = null!;

    public async Task InitializeAsync()
    {
        _harness = await QboClientHarness.StartAsync();
        (_customerId, _itemId) = _harness.SeedCustomerAndItem();
        _snapshots = new ShipStationSnapshotStore(new BlobContainerProvider(azurite.BlobService.GetBlobContainerClient(azurite.NewPrefix())));
        _audit = new TableAuditTrail(azurite.NewTables(), TimeProvider.System);
        _ledger = new TableIdempotencyLedger(azurite.NewTables(), TimeProvider.System);
        _workflows.Setup(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, object _, CancellationToken _) => new WorkflowStartResult(id, false, WorkflowRuntimeStatus.Pending));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SyncAsync_ThirtyInvoicesWithAStaleOneAndAMissingOne_AppliesTheRestInOneReadAndOneBatchAndHandsTheTwoToTheirWorkflows()
    {
        // Arrange: invoices 9001–9030; order 9002 shipped twice; order 9031 has no invoice; QBO answers 9015's item with 5010.
        await CreateInvoicesAsync(9001, 30);
        var shipments = Enumerable.Range(9001, 31).Select(n => Shipment(n, n)).Append(Shipment(9002, 19002)).ToList();
        var chunk = await SaveChunkAsync(shipments);
        var before = _harness.Simulator.GetRequests().Count;
        _harness.Simulator.FailNextBatchItem(
            item => (string?)item["Invoice"]?["Id"] == InvoiceIdOf("9015"),
            new QboSimulatorFault(400, "ValidationFault", "5010", "Stale Object Error", "Stale Object Error : You and another user were working on the same thing.", null));

        // Act
        var result = await SyncAsync(chunk);

        // Assert: one query and one batch for 32 shipments; 9015 and 9031 went to their own workflows.
        Assert.Equal((32, 30, 0, 0), (result.Shipments, result.Applied, result.AlreadyApplied, result.Busy));
        Assert.Equal(["9015/9015", "9031/9031"], result.HandedOff.Order(StringComparer.Ordinal));
        var requests = _harness.Simulator.GetRequests().Skip(before).ToList();
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("select * from Invoice where DocNumber in (", requests[0].Statement, StringComparison.Ordinal);
        Assert.EndsWith("/batch", requests[1].Path, StringComparison.Ordinal);
        var memo = MemoOf("9002");
        Assert.Contains("1Z9002", memo, StringComparison.Ordinal);
        Assert.Contains("1Z19002", memo, StringComparison.Ordinal);
        Assert.DoesNotContain("1Z9015", MemoOf("9015"), StringComparison.Ordinal);
        Assert.Equal(LedgerStatus.Failed, (await _ledger.GetAsync(ShipStationQboKeys.ShipmentApply(Connection, 9015)))?.Status);
        foreach (var handed in new[] { 9015, 9031 })
        {
            var reference = chunk.Shipments.Single(s => s.ShipmentId == handed);
            _workflows.Verify(w => w.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), ShipStationQboKeys.ShipmentUpdateInstance(reference), reference, It.IsAny<CancellationToken>()), Times.Once);
        }

        var audited = await _audit.QueryAsync(new AuditQuery(Connection, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { BusinessKey = "9015" });
        Assert.Equal(ErrorKind.Conflict, Assert.Single(audited).ErrorKind);

        // A replay of the chunk writes only 9015 and sends nothing for the 30 already applied.
        var again = await SyncAsync(chunk);
        Assert.Equal((32, 1, 30), (again.Shipments, again.Applied, again.AlreadyApplied));
        Assert.Equal(["9031/9031"], again.HandedOff);
        Assert.Contains("1Z9015", MemoOf("9015"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_UpdateBatchResponseLost_ReadsAgainAndSendsNoSecondUpdate()
    {
        // Arrange: the batch of updates commits, but its response never arrives.
        await CreateInvoicesAsync(9101, 5);
        var chunk = await SaveChunkAsync(Enumerable.Range(9101, 5).Select(n => Shipment(n, n)));
        _harness.Simulator.DropNextResponseWhere(body => body.Contains("\"operation\":\"update\"", StringComparison.Ordinal));

        // Act
        var result = await SyncAsync(chunk);

        // Assert: every shipment is on its invoice once; after the loss only a read was sent.
        Assert.Equal((0, 5, 5), (result.Applied, result.AlreadyApplied, result.Shipments));
        var bodies = _harness.Simulator.GetRequests().Select(r => r.Body ?? string.Empty).ToList();
        Assert.Single(bodies, b => b.Contains("\"operation\":\"update\"", StringComparison.Ordinal));
        foreach (var n in Enumerable.Range(9101, 5))
        {
            var memo = MemoOf(n.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(memo.IndexOf("1Z" + n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), memo.LastIndexOf("1Z" + n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            Assert.Equal(LedgerStatus.Succeeded, (await _ledger.GetAsync(ShipStationQboKeys.ShipmentApply(Connection, n)))?.Status);
        }

        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SyncAsync_WaitingForInvoicesInFlight_KeepsTheirShipmentsInTheBatchAndAppliesThemOnceTheInvoicesExist()
    {
        // Arrange: a page of 6 shipments arrives with its orders; the invoices of 9203 and 9206 are still being created.
        await CreateInvoicesAsync(9201, 2);
        await CreateInvoicesAsync(9204, 2);
        var chunk = await SaveChunkAsync(Enumerable.Range(9201, 6).Select(n => Shipment(n, n)));

        // Act: the workflow's first round, then the order chunk commits the two invoices, then its next round.
        var first = await SyncAsync(chunk with { WaitForInvoices = true });
        await CreateInvoicesAsync(9203, 1);
        await CreateInvoicesAsync(9206, 1);
        var before = _harness.Simulator.GetRequests().Count;
        var second = await SyncAsync(new ShipmentChunk(Connection, first.WaitingForInvoice!, WaitForInvoices: true));

        // Assert: the two were released, not handed to per-shipment workflows, and went out in one read and one batch.
        Assert.Equal((6, 4, 0), (first.Shipments, first.Applied, first.HandedOff.Count));
        Assert.Equal([9203L, 9206L], first.WaitingForInvoice!.Select(r => r.ShipmentId));
        Assert.Equal((2, 2, 0, 0), (second.Shipments, second.Applied, second.HandedOff.Count, second.WaitingForInvoice!.Count));
        var requests = _harness.Simulator.GetRequests().Skip(before).ToList();
        Assert.Equal(2, requests.Count);
        Assert.EndsWith("/batch", requests[1].Path, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(9201, 6), n => Assert.Contains("1Z" + n.ToString(CultureInfo.InvariantCulture), MemoOf(n.ToString(CultureInfo.InvariantCulture)), StringComparison.Ordinal));
        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static ShipStationShipment Shipment(int orderNumber, long shipmentId) => new()
    {
        ShipmentId = shipmentId,
        OrderId = orderNumber,
        OrderNumber = orderNumber.ToString(CultureInfo.InvariantCulture),
        ShipDateUtc = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
        CarrierCode = "ups",
        ServiceCode = "ups_ground",
        TrackingNumber = "1Z" + shipmentId.ToString(CultureInfo.InvariantCulture),
        ShipmentCost = 7.5m,
    };

    private async Task CreateInvoicesAsync(int first, int count)
    {
        foreach (var n in Enumerable.Range(first, count))
        {
            var docNumber = n.ToString(CultureInfo.InvariantCulture);
            await _harness.WithFakeTimeAsync(_harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice(_customerId, _itemId, docNumber), "inv-" + docNumber));
            var created = await _harness.WithFakeTimeAsync(_harness.Client.FindInvoiceByDocNumberAsync(Connection, docNumber));
            await _ledger.CompleteAsync(await _ledger.BeginAsync(ShipStationQboKeys.InvoiceCreate(Connection, docNumber)), created!.Id!);
        }
    }

    private JsonObject InvoiceOf(string docNumber) =>
        _harness.Simulator.GetEntities(Realm, "Invoice").Single(i => (string?)i["DocNumber"] == docNumber);

    private string? InvoiceIdOf(string docNumber) => (string?)InvoiceOf(docNumber)["Id"];

    private string MemoOf(string docNumber) => (string?)InvoiceOf(docNumber)["CustomerMemo"]?["value"] ?? string.Empty;

    private async Task<ShipmentChunk> SaveChunkAsync(IEnumerable<ShipStationShipment> shipments)
    {
        var references = new List<ShipmentSnapshotRef>();
        foreach (var shipment in shipments)
        {
            references.Add(await _snapshots.SaveShipmentAsync(Connection, shipment));
        }

        return new ShipmentChunk(Connection, references);
    }

    private Task<ShipmentChunkResult> SyncAsync(ShipmentChunk chunk)
    {
        var sut = new ShipStationQboShipmentBatchSync(_harness.Client, _snapshots, _ledger, _audit, _workflows.Object, NullLogger<ShipStationQboShipmentBatchSync>.Instance);
        return _harness.WithFakeTimeAsync(sut.SyncAsync(chunk, "shipment-chunk-test"));
    }
}
