using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Resilience;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Connectors.QuickBooksOnline;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

/// <summary>
/// The batched invoice path with the real QBO client against the QBO simulator's batch endpoint over loopback, and the real
/// ledger, audit trail and snapshot store on Azurite; the workflow client (which starts a failed order's own workflow) is
/// the collaborator that is mocked.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShipStationQboOrderBatchSyncTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    private readonly Mock<IWorkflowClient> _workflows = new();
    private readonly ShipStationQboCustomerGate _customerGate = new();
    private QboClientHarness _harness = null!;
    private ShipStationSnapshotStore _snapshots = null!;
    private TableAuditTrail _audit = null!;
    private TableIdempotencyLedger _ledger = null!;
    private Mock<IConnectionStore> _connections = null!;

    public Task InitializeAsync() => SetUpAsync();

    private async Task SetUpAsync(IDictionary<string, string?>? settings = null)
    {
        _harness = await QboClientHarness.StartAsync(settings: settings);
        var (_, itemId) = _harness.SeedCustomerAndItem();
        _snapshots = new ShipStationSnapshotStore(new BlobContainerProvider(azurite.BlobService.GetBlobContainerClient(azurite.NewPrefix())));
        _audit = new TableAuditTrail(azurite.NewTables(), TimeProvider.System);
        _ledger = new TableIdempotencyLedger(azurite.NewTables(), TimeProvider.System);
        var connection = new Connection
        {
            Id = Connection,
            Kind = IntegrationKinds.ShipStationQbo,
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [ShipStationQboNames.SkuMapping] = new Dictionary<string, string> { ["MUG-12"] = itemId },
            },
        };
        _connections = new Mock<IConnectionStore>();
        _connections.Setup(c => c.GetAsync(Connection, It.IsAny<CancellationToken>())).ReturnsAsync(connection);
        _workflows.Setup(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, object _, CancellationToken _) => new WorkflowStartResult(id, false, WorkflowRuntimeStatus.Pending));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SyncAsync_ChunkOfThirtyWithOneBadOrder_CommitsTheOtherTwentyNineOnceAndHandsTheBadOneToItsWorkflow()
    {
        // Arrange: 30 orders from 12 buyers, two of them sharing a name; QBO refuses order 5015's invoice.
        var chunk = await SaveChunkAsync(Enumerable.Range(5001, 30).Select(n => Order(n, n % 12)));
        _harness.Simulator.FailNextBatchItem(
            item => (string?)item["Invoice"]?["DocNumber"] == "5015",
            new QboSimulatorFault(400, "ValidationFault", "6000", "A business validation error has occurred while processing your request", "Business Validation Error: refused by the test.", "Line"));

        // Act
        var result = await SyncAsync(chunk);

        // Assert: the other 29 committed with three IN queries (request budget) and two batch requests (customers,
        // invoices); 5015 failed visibly and alone.
        AssertResult((30, 29, 0, 0, 0), ["5015"], result);
        var firstRun = _harness.Simulator.GetRequests().ToList();
        Assert.Equal(5, firstRun.Count);
        Assert.Equal(
            ["select * from Customer where DisplayName in (", "select * from Customer where PrimaryEmailAddr in (", "select * from Invoice where DocNumber in ("],
            firstRun.Where(r => r.Statement is not null).Select(r => r.Statement![..r.Statement!.IndexOf('(', StringComparison.Ordinal)] + "(").Order(StringComparer.Ordinal));
        var writes = firstRun.Where(r => r.Path.EndsWith("/batch", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, r => Assert.DoesNotContain("\"Query\"", r.Body, StringComparison.Ordinal));
        var failedRow = await _ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(Connection, "5015"));
        Assert.Equal(LedgerStatus.Failed, failedRow?.Status);
        Assert.Contains("6000", failedRow?.LastError, StringComparison.Ordinal);
        var audited = await _audit.QueryAsync(new AuditQuery(Connection, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { BusinessKey = "5015", Outcome = AuditOutcome.Failed });
        Assert.Equal(ErrorKind.Validation, Assert.Single(audited).ErrorKind);
        _workflows.Verify(w => w.StartAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), ShipStationQboKeys.OrderInstance(Connection, "5015"), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Once);
        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Once);

        // A replay creates only the order that failed, and every order has exactly one invoice on its own buyer.
        var again = await SyncAsync(chunk);
        AssertResult((30, 1, 29, 0, 0), [], again);
        var invoices = _harness.Simulator.GetEntities(Realm, "Invoice");
        Assert.Equal(Enumerable.Range(5001, 30).Select(n => n.ToString(CultureInfo.InvariantCulture)), invoices.Select(DocNumber).Order(StringComparer.Ordinal));
        var customerOfBuyer = invoices.GroupBy(i => int.Parse(DocNumber(i), CultureInfo.InvariantCulture) % 12).ToDictionary(g => g.Key, g => g.Select(CustomerOf).Distinct().ToList());
        Assert.All(customerOfBuyer.Values, c => Assert.Single(c));
        Assert.Equal(12, customerOfBuyer.Values.Select(c => c[0]).Distinct().Count());
        Assert.Equal(13, _harness.Simulator.Count(Realm, "Customer"));
    }

    [Fact]
    public async Task SyncAsync_InvoiceBatchResponseLost_LooksEachOrderUpByDocNumberAndCreatesNoSecondInvoice()
    {
        // Arrange: the batch that creates the invoices is committed, but its response never arrives.
        var chunk = await SaveChunkAsync(Enumerable.Range(6001, 10).Select(n => Order(n, n % 4)));
        _harness.Simulator.DropNextResponseWhere(body => body.Contains("\"operation\":\"create\"", StringComparison.Ordinal) && body.Contains("\"Invoice\":", StringComparison.Ordinal));

        // Act
        var result = await SyncAsync(chunk);

        // Assert: one invoice per order; after the loss only a DocNumber read was sent, no second create.
        AssertResult((10, 0, 10, 0, 0), [], result);
        var invoices = _harness.Simulator.GetEntities(Realm, "Invoice");
        Assert.Equal(Enumerable.Range(6001, 10).Select(n => n.ToString(CultureInfo.InvariantCulture)), invoices.Select(DocNumber).Order(StringComparer.Ordinal));
        var requests = _harness.Simulator.GetRequests().ToList();
        var lost = requests.FindIndex(r => (r.Body ?? string.Empty).Contains("\"operation\":\"create\"", StringComparison.Ordinal) && r.Body!.Contains("\"Invoice\":", StringComparison.Ordinal));
        Assert.Equal(0, requests[lost].StatusCode);
        var after = Assert.Single(requests.Skip(lost + 1));
        Assert.StartsWith("select * from Invoice where DocNumber in (", after.Statement, StringComparison.Ordinal);
        foreach (var invoice in invoices)
        {
            var row = await _ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(Connection, DocNumber(invoice)));
            Assert.Equal(LedgerStatus.Succeeded, row?.Status);
            Assert.Equal((string?)invoice["Id"], row?.TargetId);
        }

        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SyncAsync_CustomerBatchResponseLost_FindsTheCreatedCustomersByKeyAndCreatesNoSecondCustomer()
    {
        // Arrange: two e-mail buyers and one without e-mail; the customer creates commit but their answer is lost.
        var orders = new[] { Order(7001, 1), Order(7002, 2), Order(7003, 3) with { CustomerEmail = null, CustomerId = 903 } };
        var chunk = await SaveChunkAsync(orders);
        _harness.Simulator.DropNextResponseWhere(body => body.Contains("\"Customer\":", StringComparison.Ordinal) && body.Contains("\"operation\":\"create\"", StringComparison.Ordinal));

        // Act
        var result = await SyncAsync(chunk);

        // Assert
        Assert.Equal(3, result.Created);
        Assert.Equal(4, _harness.Simulator.Count(Realm, "Customer"));
        Assert.Equal(3, _harness.Simulator.GetEntities(Realm, "Invoice").Select(CustomerOf).Distinct().Count());
    }

    [Fact]
    public async Task SyncAsync_AnotherRunHoldsOneOrdersClaim_CommitsTheRestAndFailsTransientlyForARetry()
    {
        // Arrange: a run that may have died holds a fresh claim on order 8002.
        var chunk = await SaveChunkAsync([Order(8001, 1), Order(8002, 2), Order(8003, 3)]);
        var held = await _ledger.BeginAsync(ShipStationQboKeys.InvoiceCreate(Connection, "8002"));

        // Act
        var error = await Assert.ThrowsAsync<ConnectorException>(() => SyncAsync(chunk));

        // Assert
        Assert.Equal(LedgerDecision.Claimed, held.Decision);
        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(["8001", "8003"], _harness.Simulator.GetEntities(Realm, "Invoice").Select(DocNumber).Order(StringComparer.Ordinal));
        Assert.Equal(LedgerStatus.InProgress, (await _ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(Connection, "8002")))?.Status);
    }

    [Fact]
    public async Task SyncAsync_TwoChunksOfOnePageShareTheirNewBuyers_CreatesEachBuyerOnceWithoutADuplicateName()
    {
        // Arrange: a page of 60 orders from 12 new buyers (two of them named Jane Smith) in two chunks of 30, each chunk
        // holding every buyer; the dispatcher starts both at once.
        var orders = Enumerable.Range(9001, 60).Select(n => Order(n, n % 12)).ToList();
        var first = await SaveChunkAsync(orders.Take(30));
        var second = await SaveChunkAsync(orders.Skip(30));
        var before = _harness.Simulator.GetRequests().Count;

        // Act
        var results = await _harness.WithFakeTimeAsync(Task.WhenAll(CreateSut().SyncAsync(first, "chunk-a"), CreateSut().SyncAsync(second, "chunk-b")));

        // Assert: one customer per buyer, created by one chunk; the other found them: no 6240, no per-buyer look-ups.
        Assert.All(results, r => AssertResult((30, 30, 0, 0, 0), [], r));
        Assert.Equal(0, _harness.Simulator.CountDuplicateNameFaults(Realm));
        var customers = _harness.Simulator.GetEntities(Realm, "Customer").Where(c => ((string?)c["PrimaryEmailAddr"]?["Address"])?.StartsWith("buyer", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(12, customers.Count);
        Assert.Equal(12, customers.Select(c => (string?)c["PrimaryEmailAddr"]?["Address"]).Distinct(StringComparer.Ordinal).Count());
        var invoices = _harness.Simulator.GetEntities(Realm, "Invoice");
        Assert.Equal(60, invoices.Count);
        var customerOfBuyer = customers.ToDictionary(c => (string)c["PrimaryEmailAddr"]!["Address"]!, c => (string)c["Id"]!, StringComparer.Ordinal);
        Assert.All(invoices, i => Assert.Equal(customerOfBuyer[$"buyer{int.Parse(DocNumber(i), CultureInfo.InvariantCulture) % 12}@example.com"], CustomerOf(i)));
        var requests = _harness.Simulator.GetRequests().Skip(before).ToList();
        Assert.Equal(3, requests.Count(r => r.Path.EndsWith("/batch", StringComparison.Ordinal)));
        Assert.DoesNotContain(requests, r => r.Path.EndsWith("/customer", StringComparison.Ordinal) || r.Statement?.Contains(" = ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SyncAsync_BatchBudgetScarcerThanRequestBudget_CreatesTheNewBuyersOneByOneAndSpendsOneBatchOnTheInvoices()
    {
        // Arrange: 6 orders from 3 new buyers; 30 of the realm's 38 batch permits are held by batches in flight elsewhere.
        var chunk = await SaveChunkAsync(Enumerable.Range(9101, 6).Select(n => Order(n, 2 + (n % 3))));
        using var busy = await HoldBatchPermitsAsync(30);

        // Act
        var result = await SyncAsync(chunk);
        var again = await SyncAsync(chunk);

        // Assert: three POST customer requests on the request budget, one batch (the invoices); each buyer one customer,
        // recorded in the ledger; the replay creates nothing.
        AssertResult((6, 6, 0, 0, 0), [], result);
        AssertResult((6, 0, 6, 0, 0), [], again);
        var requests = _harness.Simulator.GetRequests().ToList();
        Assert.Equal(3, requests.Count(r => r.Path.EndsWith("/customer", StringComparison.Ordinal)));
        var batch = Assert.Single(requests, r => r.Path.EndsWith("/batch", StringComparison.Ordinal));
        Assert.DoesNotContain("\"Customer\":", batch.Body, StringComparison.Ordinal);
        var customers = NewBuyersCustomers();
        Assert.Equal(3, customers.Count);
        foreach (var invoice in _harness.Simulator.GetEntities(Realm, "Invoice"))
        {
            var buyer = 2 + (int.Parse(DocNumber(invoice), CultureInfo.InvariantCulture) % 3);
            var customerId = customers[$"buyer{buyer}@example.com"];
            Assert.Equal(customerId, CustomerOf(invoice));
            var recorded = await _ledger.GetAsync(ShipStationQboKeys.CustomerCreate(Connection, $"buyer{buyer}@example.com"));
            Assert.Equal(customerId, recorded?.TargetId);
        }
    }

    [Fact]
    public async Task SyncAsync_OneByOneCreateRefusedAsDuplicateName_TheBuyerTakesItsNextNameAndNoOrderFails()
    {
        // Arrange: a vendor already holds the name "Buyer 3" (QBO's names are shared by customers and vendors, and the
        // chunk's name read sees customers only); the batch budget is the scarcer.
        _harness.Simulator.Seed(Realm, """{"QueryResponse":{"Vendor":[{"Id":"90","DisplayName":"Buyer 3"}]}}""");
        var chunk = await SaveChunkAsync([Order(9201, 2), Order(9202, 3), Order(9203, 3)]);
        using var busy = await HoldBatchPermitsAsync(30);

        // Act
        var result = await SyncAsync(chunk);

        // Assert
        AssertResult((3, 3, 0, 0, 0), [], result);
        var customers = _harness.Simulator.GetEntities(Realm, "Customer").Where(c => (string?)c["PrimaryEmailAddr"]?["Address"] == "buyer3@example.com").ToList();
        var customer = Assert.Single(customers);
        Assert.NotEqual("Buyer 3", (string?)customer["DisplayName"]);
        Assert.All(_harness.Simulator.GetEntities(Realm, "Invoice").Where(i => DocNumber(i) != "9201"), i => Assert.Equal((string?)customer["Id"], CustomerOf(i)));
        Assert.DoesNotContain(_harness.Simulator.GetRequests(), r => r.Path.EndsWith("/batch", StringComparison.Ordinal) && r.Body!.Contains("\"Customer\":", StringComparison.Ordinal));
        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SyncAsync_OneByOneCreateAnswerLost_CreatesNoSecondCustomer()
    {
        // Arrange: the create of buyer 4's customer commits but its answer is lost.
        var chunk = await SaveChunkAsync([Order(9301, 4), Order(9302, 5), Order(9303, 4)]);
        _harness.Simulator.DropNextResponseWhere(body => body.Contains("buyer4@example.com", StringComparison.Ordinal) && body.Contains("\"DisplayName\"", StringComparison.Ordinal) && !body.Contains("\"BatchItemRequest\"", StringComparison.Ordinal));
        using var busy = await HoldBatchPermitsAsync(30);

        // Act
        var result = await SyncAsync(chunk);

        // Assert
        AssertResult((3, 3, 0, 0, 0), [], result);
        var customers = NewBuyersCustomers();
        Assert.Equal(2, customers.Count);
        Assert.Equal(2, _harness.Simulator.GetEntities(Realm, "Customer").Count(c => ((string?)c["PrimaryEmailAddr"]?["Address"])?.StartsWith("buyer", StringComparison.Ordinal) == true));
        Assert.All(_harness.Simulator.GetEntities(Realm, "Invoice"), i => Assert.Equal(customers[$"buyer{(DocNumber(i) == "9302" ? 5 : 4)}@example.com"], CustomerOf(i)));
    }

    [Fact]
    public async Task SyncAsync_BatchMaxItemsTen_FillsBatchesOfTenAndInvoicesEveryOrderOnce()
    {
        // Arrange: a client configured for Intuit's batch-page 10 payloads; buyers 100–109 exist, then a page of 25 of their orders.
        await _harness.DisposeAsync();
        await SetUpAsync(new Dictionary<string, string?> { ["Connectors:QuickBooksOnline:BatchMaxItems"] = "10" });
        await SyncAsync(await SaveChunkAsync(Enumerable.Range(10001, 10).Select(n => Order(n, 100 + (n % 10)))));
        var page = await SaveChunkAsync(Enumerable.Range(10101, 25).Select(n => Order(n, 100 + (n % 10))));
        var before = _harness.Simulator.GetRequests().Count;

        // Act
        var result = await SyncAsync(page);

        // Assert: 25 invoices in batches of 10, 10 and 5, each order invoiced once.
        AssertResult((25, 25, 0, 0, 0), [], result);
        var batches = _harness.Simulator.GetRequests().Skip(before).Where(r => r.Path.EndsWith("/batch", StringComparison.Ordinal)).ToList();
        Assert.Equal([10, 10, 5], batches.Select(b => Items(b.Body)));
        var invoices = _harness.Simulator.GetEntities(Realm, "Invoice").Where(i => DocNumber(i).StartsWith("101", StringComparison.Ordinal)).ToList();
        Assert.Equal(25, invoices.Select(DocNumber).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(25, invoices.Count);
    }

    [Fact]
    public async Task SyncAsync_PageMixingNewAndKnownBuyers_CommitsInCeilingOfItemsOverThirtyBatches()
    {
        // Arrange: buyers 100–109 exist already; a page of 100 orders: 45 from them, 55 from new buyers 200–254.
        await SyncAsync(await SaveChunkAsync(Enumerable.Range(10001, 10).Select(n => Order(n, 100 + (n % 10)))));
        var page = await SaveChunkAsync(Enumerable.Range(10101, 100).Select(n => Order(n, n <= 10145 ? 100 + (n % 10) : 200 + (n - 10146))));
        var before = _harness.Simulator.GetRequests().Count;

        // Act
        var result = await SyncAsync(page);

        // Assert: 55 creates and 100 invoices in 6 full batches (⌈155 ÷ 30⌉; one invoice and one customer batch per 30
        // orders took 8), one of them mixing creates and invoices; every order invoiced once on its own buyer.
        AssertResult((100, 100, 0, 0, 0), [], result);
        var batches = _harness.Simulator.GetRequests().Skip(before).Where(r => r.Path.EndsWith("/batch", StringComparison.Ordinal)).ToList();
        Assert.Equal([30, 30, 30, 30, 30, 5], batches.Select(b => Items(b.Body)));
        Assert.Contains(batches, b => b.Body!.Contains("\"Customer\":", StringComparison.Ordinal) && b.Body.Contains("\"Invoice\":", StringComparison.Ordinal));
        var customers = NewBuyersCustomers();
        Assert.Equal(65, customers.Count);
        var invoices = _harness.Simulator.GetEntities(Realm, "Invoice").Where(i => DocNumber(i).StartsWith("101", StringComparison.Ordinal) || DocNumber(i) == "10200").ToList();
        Assert.Equal(100, invoices.Select(DocNumber).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(100, invoices.Count);
        Assert.All(invoices, i => Assert.Equal(customers[$"buyer{BuyerOfPage(int.Parse(DocNumber(i), CultureInfo.InvariantCulture))}@example.com"], CustomerOf(i)));
        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SyncAsync_OneInvoiceOfAMixedBatchFaults_FailsOnlyThatOrderAndCommitsTheCreatesAndTheRest()
    {
        // Arrange: buyers 300 and 301 exist; a page of 4 orders from them and 28 from new buyers: 28 creates and 2 known
        // invoices in the first batch, then 30 invoices. QBO refuses the invoice of order 11001 (a known buyer's).
        await SyncAsync(await SaveChunkAsync([Order(10901, 300), Order(10902, 301)]));
        var page = await SaveChunkAsync(MixedPage());
        var before = _harness.Simulator.GetRequests().Count;
        _harness.Simulator.FailNextBatchItem(
            item => (string?)item["Invoice"]?["DocNumber"] == "11001",
            new QboSimulatorFault(400, "ValidationFault", "6000", "A business validation error has occurred while processing your request", "Business Validation Error: refused by the test.", "Line"));

        // Act
        var result = await SyncAsync(page);

        // Assert
        AssertResult((32, 31, 0, 0, 0), ["11001"], result);
        var batches = _harness.Simulator.GetRequests().Skip(before).Where(r => r.Path.EndsWith("/batch", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, batches.Count);
        Assert.Contains("\"DocNumber\":\"11001\"", batches[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"Customer\":", batches[0].Body, StringComparison.Ordinal);
        Assert.Equal(30, NewBuyersCustomers().Count);
        Assert.DoesNotContain(_harness.Simulator.GetEntities(Realm, "Invoice"), i => DocNumber(i) == "11001");
        Assert.Equal(31, _harness.Simulator.GetEntities(Realm, "Invoice").Count(i => DocNumber(i).StartsWith("110", StringComparison.Ordinal)));
        Assert.Equal(LedgerStatus.Failed, (await _ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(Connection, "11001")))?.Status);
        _workflows.Verify(w => w.StartAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), ShipStationQboKeys.OrderInstance(Connection, "11001"), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Once);
        _workflows.Verify(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SyncAsync_MixedBatchResponseLost_FindsWhatCommittedAndCreatesNoSecondCustomerOrInvoice()
    {
        // Arrange: the same page; the first batch (28 creates, 2 known invoices) commits but its answer is lost.
        await SyncAsync(await SaveChunkAsync([Order(10901, 300), Order(10902, 301)]));
        var page = await SaveChunkAsync(MixedPage());
        var before = _harness.Simulator.GetRequests().Count;
        _harness.Simulator.DropNextResponseWhere(body => body.Contains("\"Customer\":", StringComparison.Ordinal) && body.Contains("\"Invoice\":", StringComparison.Ordinal));

        // Act
        var result = await SyncAsync(page);

        // Assert: after the loss, reads find the 28 customers (by e-mail) and the 2 invoices (by DocNumber); one batch
        // then carries the 30 invoices left; no create is sent twice.
        AssertResult((32, 30, 2, 0, 0), [], result);
        var requests = _harness.Simulator.GetRequests().Skip(before).ToList();
        var lost = requests.FindIndex(r => r.Path.EndsWith("/batch", StringComparison.Ordinal) && r.Body!.Contains("\"Customer\":", StringComparison.Ordinal));
        Assert.Equal(0, requests[lost].StatusCode);
        var resent = Assert.Single(requests.Skip(lost + 1), r => r.Path.EndsWith("/batch", StringComparison.Ordinal));
        Assert.Equal(30, Items(resent.Body));
        Assert.DoesNotContain("\"Customer\":", resent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(requests.Skip(lost + 1), r => r.Path.EndsWith("/customer", StringComparison.Ordinal));
        var customers = NewBuyersCustomers();
        Assert.Equal(30, customers.Count);
        var invoices = _harness.Simulator.GetEntities(Realm, "Invoice").Where(i => DocNumber(i).StartsWith("110", StringComparison.Ordinal)).ToList();
        Assert.Equal(32, invoices.Count);
        Assert.Equal(32, invoices.Select(DocNumber).Distinct(StringComparer.Ordinal).Count());
        foreach (var invoice in invoices)
        {
            var row = await _ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(Connection, DocNumber(invoice)));
            Assert.Equal((LedgerStatus.Succeeded, (string?)invoice["Id"]), (row?.Status, row?.TargetId));
        }

        for (var buyer = 400; buyer < 428; buyer++)
        {
            var row = await _ledger.GetAsync(ShipStationQboKeys.CustomerCreate(Connection, $"buyer{buyer}@example.com"));
            Assert.Equal(customers[$"buyer{buyer}@example.com"], row?.TargetId);
        }
    }

    [Theory]
    [InlineData(450, 38, 12, false)] // both budgets untouched: one customer batch is the cheaper
    [InlineData(400, 10, 12, true)] // the batch budget is the scarcer: single requests
    [InlineData(60, 30, 12, false)] // the request budget is the scarcer
    [InlineData(30, 0, 12, false)] // too few requests for the creates and the reserve: wait for batch budget
    public void CreatesOneByOne_SpendsTheBudgetWithMoreRoomLeft(int requests, int batches, int newBuyers, bool expected) =>
        Assert.Equal(expected, ShipStationQboOrderBatchSync.CreatesOneByOne(new QboRealmBudget(requests, 450, batches, 38), newBuyers));

    private static ShipStationOrder Order(int number, int buyer) => new()
    {
        OrderId = number,
        OrderNumber = number.ToString(CultureInfo.InvariantCulture),
        OrderStatus = "awaiting_shipment",
        OrderDateUtc = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        CustomerName = buyer < 2 ? "Jane Smith" : "Buyer " + buyer.ToString(CultureInfo.InvariantCulture),
        CustomerEmail = $"buyer{buyer}@example.com",
        Items = [new ShipStationOrderItem("MUG-12", "Ceramic Mug", 1, 12.5m)],
        OrderTotal = 12.5m,
        AmountPaid = 12.5m,
    };

    /// <summary>Orders 11001–11004 from known buyers 300 and 301, then 11005–11032 from new buyers 400–427.</summary>
    private static IEnumerable<ShipStationOrder> MixedPage() =>
        Enumerable.Range(11001, 32).Select(n => Order(n, n <= 11004 ? 300 + (n % 2) : 400 + (n - 11005)));

    /// <summary>The buyer of an order of the 100-order page in <see cref="SyncAsync_PageMixingNewAndKnownBuyers_CommitsInCeilingOfItemsOverThirtyBatches"/>.</summary>
    private static int BuyerOfPage(int number) => number <= 10145 ? 100 + (number % 10) : 200 + (number - 10146);

    /// <summary>The BatchItemRequest items of a batch request body.</summary>
    private static int Items(string? body) => (JsonNode.Parse(body!)?["BatchItemRequest"] as JsonArray)?.Count ?? 0;

    private static void AssertResult((int Orders, int Created, int Existing, int Skipped, int Busy) expected, string[] failed, OrderChunkResult actual)
    {
        Assert.Equal(expected, (actual.Orders, actual.Created, actual.AlreadyInvoiced, actual.Skipped, actual.Busy));
        Assert.Equal(failed, actual.FailedOrders);
    }

    private static string DocNumber(JsonObject invoice) => (string?)invoice["DocNumber"] ?? string.Empty;

    private static string CustomerOf(JsonObject invoice) => (string?)invoice["CustomerRef"]?["value"] ?? string.Empty;

    /// <summary>Holds batch permits of the realm as requests in flight would, so the chunk sees a scarce batch budget however the fake clock moves.</summary>
    private async Task<IDisposable> HoldBatchPermitsAsync(int count)
    {
        var governor = _harness.Governors.GetGovernor(QuickBooksOnlineClient.BatchBudget, Realm);
        var leases = new List<RateGovernorLease>();
        for (var i = 0; i < count; i++)
        {
            leases.Add(await governor.AcquireAsync());
        }

        return new HeldLeases(leases);
    }

    /// <summary>The test buyers' customers by e-mail (one each, or the dictionary build throws).</summary>
    private Dictionary<string, string> NewBuyersCustomers() =>
        _harness.Simulator.GetEntities(Realm, "Customer")
            .Where(c => ((string?)c["PrimaryEmailAddr"]?["Address"])?.StartsWith("buyer", StringComparison.Ordinal) == true)
            .ToDictionary(c => (string)c["PrimaryEmailAddr"]!["Address"]!, c => (string)c["Id"]!, StringComparer.Ordinal);

    private async Task<OrderChunk> SaveChunkAsync(IEnumerable<ShipStationOrder> orders)
    {
        var references = new List<OrderSnapshotRef>();
        foreach (var order in orders)
        {
            references.Add(await _snapshots.SaveOrderAsync(Connection, order));
        }

        return new OrderChunk(Connection, references);
    }

    private Task<OrderChunkResult> SyncAsync(OrderChunk chunk) => _harness.WithFakeTimeAsync(CreateSut().SyncAsync(chunk, "chunk-test"));

    private ShipStationQboOrderBatchSync CreateSut()
    {
        var resolver = new ShipStationQboCustomerResolver(_harness.Client, _ledger, NullLogger<ShipStationQboCustomerResolver>.Instance);
        return new ShipStationQboOrderBatchSync(_harness.Client, _connections.Object, _snapshots, resolver, _customerGate, _ledger, _audit, _workflows.Object, NullLogger<ShipStationQboOrderBatchSync>.Instance);
    }

    private sealed class HeldLeases(List<RateGovernorLease> leases) : IDisposable
    {
        public void Dispose() => leases.ForEach(l => l.Dispose());
    }
}
