using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Sandbox.QuickBooksOnline;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>The real QBO client's <see cref="IQuickBooksOnlineClient.BatchAsync"/> against the QBO simulator's batch endpoint over loopback.</summary>
[Trait("Category", "Integration")]
public sealed class QuickBooksOnlineClientBatchTests
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    [Fact]
    public async Task BatchAsync_CreatesAndAQuery_OneRequestAnsweredPerItemInOrder()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        var items = new[]
        {
            QboBatchItem.Create("c1", new QboCustomer { DisplayName = "Grace Hopper" }),
            QboBatchItem.Create("i1", QboClientHarness.NewInvoice(customerId, itemId, "1001")),
            QboBatchItem.Select("q1", QboQuery.Page("select * from Customer where DisplayName in ('Ada Lovelace', 'Nobody')", 1, 1000)),
        };

        // Act
        var results = await harness.Client.BatchAsync(Connection, items);

        // Assert
        Assert.Equal(["c1", "i1", "q1"], results.Select(r => r.BId));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal("Grace Hopper", results[0].Customer?.DisplayName);
        Assert.Equal("1001", results[1].Invoice?.DocNumber);
        Assert.Equal(customerId, Assert.Single(results[2].Customers).Id);
        Assert.Equal(2, harness.Simulator.Count(Realm, "Customer"));
        Assert.Single(harness.Simulator.GetEntities(Realm, "Invoice"));
        var request = Assert.Single(harness.Simulator.GetRequests());
        Assert.Equal("POST", request.Method);
        Assert.EndsWith($"/v3/company/{Realm}/batch", request.Path, StringComparison.Ordinal);
        Assert.Null(request.RequestId);
    }

    [Fact]
    public async Task BatchAsync_OneItemFaults_TheOthersCommitAndTheFaultIsClassifiedForItsItemOnly()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        harness.Simulator.FailNextBatchItem(
            item => (string?)item["Invoice"]?["DocNumber"] == "1002",
            new QboSimulatorFault(400, "ValidationFault", "6000", "A business validation error has occurred while processing your request", "Business Validation Error: the simulator was told to refuse this invoice.", "Line"));
        var items = new[] { "1001", "1002", "1003" }.Select(n => QboBatchItem.Create(n, QboClientHarness.NewInvoice(customerId, itemId, n))).ToList();

        // Act
        var results = await harness.Client.BatchAsync(Connection, items);

        // Assert
        Assert.Null(results[0].Error);
        Assert.Null(results[2].Error);
        var error = Assert.IsType<ConnectorValidationException>(results[1].Error);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("6000", error.VendorErrorCode);
        Assert.Equal("Line", error.Field);
        Assert.Contains("batch item 1002", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1001", "1003"], harness.Simulator.GetEntities(Realm, "Invoice").Select(i => (string?)i["DocNumber"]));
    }

    [Fact]
    public async Task BatchAsync_DuplicateDisplayNameAndStaleUpdate_Carry6240AndConflictPerItem()
    {
        // Arrange: item 1 takes a name that exists; item 2 updates the invoice at an old SyncToken.
        await using var harness = await QboClientHarness.StartAsync();
        harness.SeedCustomerAndItem();
        harness.Simulator.Seed(Realm, """{"Invoice":{"Id":"5","DocNumber":"1000","CustomerRef":{"value":"42"},"Line":[]}}""");
        harness.Simulator.TouchEntity(Realm, "Invoice", "5");
        var items = new[]
        {
            QboBatchItem.Create("1", new QboCustomer { DisplayName = "Ada Lovelace" }),
            QboBatchItem.Update("2", "5", "0", new QboInvoiceUpdate { TrackingNum = "1Z999" }),
            QboBatchItem.Update("3", "5", "1", new QboInvoiceUpdate { TrackingNum = "1Z123" }),
        };

        // Act
        var results = await harness.Client.BatchAsync(Connection, items);

        // Assert
        Assert.Equal("6240", results[0].Error?.VendorErrorCode);
        Assert.Equal(ErrorKind.Conflict, results[1].Error?.Kind);
        Assert.Null(results[2].Error);
        Assert.Equal("1Z123", results[2].Invoice?.TrackingNum);
        Assert.Equal("2", results[2].Invoice?.SyncToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public async Task BatchAsync_NoneOrMoreThan30Items_ThrowsWithoutCalling(int count)
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var items = Enumerable.Range(0, count).Select(i => QboBatchItem.Select(i.ToString(CultureInfo.InvariantCulture), "select * from Item")).ToList();

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.BatchAsync(Connection, items));

        // Assert
        Assert.Equal("items", error.ParamName);
        Assert.Empty(harness.Simulator.GetRequests());
    }

    [Fact]
    public async Task BatchAsync_SimulatorRefuses31Items_ThrowsValidationForTheWholeBatch()
    {
        // Arrange: the simulator enforces Intuit's 30 even when a client allowed more.
        await using var harness = await QboClientHarness.StartAsync();
        harness.Simulator.MaxBatchItems = 2;
        var items = Enumerable.Range(0, 3).Select(i => QboBatchItem.Select(i.ToString(CultureInfo.InvariantCulture), "select * from Item")).ToList();

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.Client.BatchAsync(Connection, items));

        // Assert
        Assert.Contains("at most 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchAsync_45BatchesAtOnce_BatchBudgetWaitsAndNoMinuteSeesMoreThan40()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.SeedCustomerAndItem();
        var client = harness.Client;

        // Act: 45 batches at once; fake time moves on only while every call is waiting for budget.
        var calls = Enumerable.Range(0, 45).Select(_ => client.BatchAsync(Connection, [QboBatchItem.Select("q", "select * from Item")])).ToList();
        var all = Task.WhenAll(calls);
        var advances = 0;
        while (!all.IsCompleted && advances < 400)
        {
            await QuickBooksOnlineClientTests.WaitForQuiescenceAsync(harness.Counter, harness.Simulator, all);
            if (!all.IsCompleted)
            {
                harness.Time.Advance(TimeSpan.FromSeconds(1));
                advances++;
            }
        }

        await all;

        // Assert
        Assert.Equal(0, harness.Simulator.BatchThrottledCount);
        Assert.Equal(0, harness.Simulator.ThrottledCount);
        var times = harness.Simulator.GetRequests().Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(45, times.Count);
        for (var i = 0; i + 40 < times.Count; i++)
        {
            Assert.True(times[i + 40] - times[i] >= TimeSpan.FromMinutes(1), $"41 batch requests within a minute starting at {times[i]:O}");
        }

        Assert.All(calls, c => Assert.Null(Assert.Single(c.Result).Error));
    }
}
