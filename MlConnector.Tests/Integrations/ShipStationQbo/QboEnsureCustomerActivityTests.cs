using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Connectors.QuickBooksOnline;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

/// <summary>
/// The real ensure-customer and create-invoice activities with the real QBO client against the QBO simulator over loopback,
/// and the real ledger, audit trail and snapshot store on Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboEnsureCustomerActivityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    private QboClientHarness _harness = null!;
    private ShipStationSnapshotStore _snapshots = null!;
    private IAuditTrail _audit = null!;
    private IIdempotencyLedger _ledger = null!;
    private string _itemId = null!;
    private int _nextTaskId;

    public async Task InitializeAsync()
    {
        _harness = await QboClientHarness.StartAsync();
        (_, _itemId) = _harness.SeedCustomerAndItem();
        _snapshots = new ShipStationSnapshotStore(new BlobContainerProvider(azurite.BlobService.GetBlobContainerClient(azurite.NewPrefix())));
        _audit = new TableAuditTrail(azurite.NewTables(), TimeProvider.System);
        _ledger = NewLedger();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_SameNameDifferentEmails_DistinctCustomersWithDeterministicNamesAndEachInvoiceOnItsBuyer()
    {
        // Arrange
        var a1 = await SaveAsync(Order("1001", "Jane Smith", "jane.a@example.com"));
        var b = await SaveAsync(Order("1002", "Jane Smith", "jane.b@example.com"));
        var a2 = await SaveAsync(Order("1003", "Jane Smith", "jane.a@example.com"));

        // Act
        var customerA1 = await EnsureAsync(a1);
        var customerB = await EnsureAsync(b);
        var customerA2 = await EnsureAsync(a2);
        var again = await EnsureAsync(b, NewActivity(NewLedger()));
        foreach (var (order, customer) in new[] { (a1, customerA1), (b, customerB), (a2, customerA2) })
        {
            await CreateInvoiceAsync(order, customer);
        }

        // Assert
        Assert.NotEqual(customerA1, customerB);
        Assert.Equal(customerA1, customerA2);
        Assert.Equal(customerB, again);
        Assert.Equal("Jane Smith", DisplayNameOf(customerA1));
        Assert.Equal("Jane Smith (jane.b@example.com)", DisplayNameOf(customerB));
        Assert.Equal("jane.b@example.com", (string?)Customer(customerB)["PrimaryEmailAddr"]!["Address"]);
        Assert.Equal(customerA1, InvoiceCustomer("1001"));
        Assert.Equal(customerB, InvoiceCustomer("1002"));
        Assert.Equal(customerA1, InvoiceCustomer("1003"));
    }

    [Fact]
    public async Task RunAsync_NameTakenByAnotherBuyerOrAVendor_TakesTheBuyersNextNameEveryTime()
    {
        // Arrange: "Ada Lovelace" is a customer with another e-mail; "Lee Vendor" is a vendor.
        _harness.Simulator.Seed(Realm, """{"Vendor":{"Id":"300","DisplayName":"Lee Vendor"}}""");
        var ada = await SaveAsync(Order("2001", "Ada Lovelace", "countess@example.com"));
        var lee = await SaveAsync(Order("2002", "Lee Vendor", "lee@example.com"));

        // Act
        var adaCustomer = await EnsureAsync(ada);
        var leeCustomer = await EnsureAsync(lee);

        // Assert
        Assert.NotEqual("42", adaCustomer);
        Assert.Equal("Ada Lovelace (countess@example.com)", DisplayNameOf(adaCustomer));
        Assert.Equal("Lee Vendor (lee@example.com)", DisplayNameOf(leeCustomer));
        Assert.Equal("ada@example.com", (string?)Customer("42")["PrimaryEmailAddr"]!["Address"]);
    }

    [Fact]
    public async Task RunAsync_SameEmailDifferentSpellingAndName_OneCustomer()
    {
        // Arrange
        var first = await SaveAsync(Order("3001", "Jane Smith", "  Jane.Smith@Example.COM "));
        var second = await SaveAsync(Order("3002", "JANE  smith", "jane.smith@example.com"));
        var third = await SaveAsync(Order("3003", "J. Smith", "JANE.SMITH@EXAMPLE.COM"));

        // Act: the third run has an empty ledger, so only QBO can tell it who the buyer is.
        var one = await EnsureAsync(first);
        var two = await EnsureAsync(second);
        var three = await EnsureAsync(third, NewActivity(NewLedger()));

        // Assert
        Assert.Equal(one, two);
        Assert.Equal(one, three);
        Assert.Equal("jane.smith@example.com", (string?)Customer(one)["PrimaryEmailAddr"]!["Address"]);
        Assert.Single(Customers(), c => string.Equals((string?)c["PrimaryEmailAddr"]?["Address"], "jane.smith@example.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RunAsync_NoEmail_KeyedByShipStationCustomerId()
    {
        // Arrange: two buyers without e-mail share a name; one of them orders again.
        var sam501 = await SaveAsync(Order("4001", "Sam Lee", email: null, customerId: 501));
        var sam502 = await SaveAsync(Order("4002", "Sam Lee", email: null, customerId: 502));
        var sam501Again = await SaveAsync(Order("4003", "Sam Lee", email: "not-an-email", customerId: 501));

        // Act
        var first = await EnsureAsync(sam501);
        var second = await EnsureAsync(sam502);
        var again = await EnsureAsync(sam501Again, NewActivity(NewLedger()));

        // Assert
        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
        Assert.Equal("Sam Lee", DisplayNameOf(first));
        Assert.Equal("Sam Lee (ShipStation customer 502)", DisplayNameOf(second));
        Assert.Equal("ml-connector ShipStation buyer: shipstation-customer:501", (string?)Customer(first)["Notes"]);
        Assert.Null(Customer(first)["PrimaryEmailAddr"]);
    }

    [Fact]
    public async Task RunAsync_NoEmailAndACustomerOfTheSameNameWithoutTheKey_IsNotMerged()
    {
        // Arrange: the merchant's own "Ada Lovelace" (Id 42) carries no buyer key.
        var order = await SaveAsync(Order("5001", "Ada Lovelace", email: null, customerId: 777));

        // Act
        var customer = await EnsureAsync(order);

        // Assert
        Assert.NotEqual("42", customer);
        Assert.Equal("Ada Lovelace (ShipStation customer 777)", DisplayNameOf(customer));
    }

    [Fact]
    public async Task RunAsync_EightConcurrentOrdersOfOneBuyer_OneCustomerAndNoFailure()
    {
        // Arrange
        var orders = new List<OrderSnapshotRef>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await SaveAsync(Order($"600{i}", "Pat Doe", "pat@example.com")));
        }

        // Act
        var results = await RunConcurrentlyAsync(orders);

        // Assert
        Assert.Single(results.Distinct());
        Assert.Single(Customers(), c => (string?)c["DisplayName"] == "Pat Doe");
        Assert.DoesNotContain(Customers(), c => ((string?)c["DisplayName"])!.StartsWith("Pat Doe (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ConcurrentOrdersOfDifferentBuyersWithOneName_TwoCustomersAndNoFailure()
    {
        // Arrange
        var orders = new List<OrderSnapshotRef>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await SaveAsync(Order($"700{i}", "Chris Kim", i % 2 == 0 ? "chris.one@example.com" : "chris.two@example.com")));
        }

        // Act
        var results = await RunConcurrentlyAsync(orders);

        // Assert
        var one = results.Where((_, i) => i % 2 == 0).Distinct().ToList();
        var two = results.Where((_, i) => i % 2 == 1).Distinct().ToList();
        Assert.Single(one);
        Assert.Single(two);
        Assert.NotEqual(one[0], two[0]);
        var names = new[] { DisplayNameOf(one[0]), DisplayNameOf(two[0]) }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal("Chris Kim", names[0]);
        Assert.StartsWith("Chris Kim (chris.", names[1], StringComparison.Ordinal);
        Assert.Equal(2, Customers().Count(c => ((string?)c["DisplayName"])!.StartsWith("Chris Kim", StringComparison.Ordinal)));
    }

    private static ShipStationOrder Order(string number, string? name, string? email, long? customerId = null) => new()
    {
        OrderId = long.Parse(number, CultureInfo.InvariantCulture),
        OrderNumber = number,
        OrderStatus = "awaiting_shipment",
        OrderDateUtc = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        CustomerName = name,
        CustomerEmail = email,
        CustomerId = customerId,
        Items = [new ShipStationOrderItem("MUG-12", "Ceramic Mug", 1, 12.5m)],
        OrderTotal = 12.5m,
        AmountPaid = 12.5m,
    };

    private TableIdempotencyLedger NewLedger() => new(azurite.NewTables(), TimeProvider.System);

    private QboEnsureCustomerActivity NewActivity(IIdempotencyLedger ledger) =>
        new(new ShipStationQboCustomerResolver(_harness.Client, ledger, NullLogger<ShipStationQboCustomerResolver>.Instance), _snapshots, _audit);

    private Task<OrderSnapshotRef> SaveAsync(ShipStationOrder order) => _snapshots.SaveOrderAsync(Connection, order);

    private Task<string> EnsureAsync(OrderSnapshotRef order, QboEnsureCustomerActivity? activity = null) =>
        WithFakeTimeAsync((activity ?? NewActivity(_ledger)).RunAsync(Context(order, nameof(QboEnsureCustomerActivity)), order));

    /// <summary>Runs the activity for every order at once.</summary>
    private Task<string[]> RunConcurrentlyAsync(IReadOnlyList<OrderSnapshotRef> orders)
    {
        var activity = NewActivity(_ledger);
        return WithFakeTimeAsync(Task.WhenAll(orders.Select(o => Task.Run(() => activity.RunAsync(Context(o, nameof(QboEnsureCustomerActivity)), o)))));
    }

    private Task<T> WithFakeTimeAsync<T>(Task<T> work) => _harness.WithFakeTimeAsync(work);

    private WorkflowActivityContext Context(OrderSnapshotRef order, string activity) =>
        new("order-" + order.OrderNumber, activity, Interlocked.Increment(ref _nextTaskId), 1);

    private async Task CreateInvoiceAsync(OrderSnapshotRef order, string customerId)
    {
        var connection = new Connection
        {
            Id = Connection,
            Kind = IntegrationKinds.ShipStationQbo,
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [ShipStationQboNames.SkuMapping] = new Dictionary<string, string> { ["MUG-12"] = _itemId },
            },
        };
        var connections = new Mock<IConnectionStore>();
        connections.Setup(c => c.GetAsync(Connection, It.IsAny<CancellationToken>())).ReturnsAsync(connection);
        var invoices = new QboCreateInvoiceActivity(_harness.Client, connections.Object, _snapshots, _ledger, _audit);
        await WithFakeTimeAsync(invoices.RunAsync(Context(order, nameof(QboCreateInvoiceActivity)), new InvoiceRequest(order, customerId)));
    }

    private IReadOnlyList<JsonObject> Customers() => _harness.Simulator.GetEntities(Realm, "Customer");

    private JsonObject Customer(string id) => _harness.Simulator.GetEntity(Realm, "Customer", id) ?? throw new InvalidOperationException($"No customer {id}.");

    private string? DisplayNameOf(string customerId) => (string?)Customer(customerId)["DisplayName"];

    private string? InvoiceCustomer(string docNumber) =>
        (string?)_harness.Simulator.GetEntities(Realm, "Invoice").Single(i => (string?)i["DocNumber"] == docNumber)["CustomerRef"]!["value"];
}
