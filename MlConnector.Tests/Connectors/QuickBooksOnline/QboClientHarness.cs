using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Resilience;
using MlConnector.Sandbox.QuickBooksOnline;
using Moq;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>
/// The real <see cref="QuickBooksOnlineClient"/>, registered by <c>AddQuickBooksOnlineConnector</c> (resilience, auth and
/// rate-governor handlers included), talking to the QBO simulator over loopback. The connection store and, unless a real
/// token manager is given, the token manager are collaborators.
/// </summary>
public sealed class QboClientHarness : IAsyncDisposable
{
    public const string ConnectionId = "acme-qbo";
    public const string RealmId = "9130354612345";
    public const string AccessToken = "test-access-token";
    public const string RenewedAccessToken = "test-renewed-access-token";

    private readonly ServiceProvider _services;

    private QboClientHarness(ServiceProvider services, QuickBooksOnlineSimulator simulator, FakeTimeProvider time, InFlightCounter counter)
    {
        _services = services;
        Simulator = simulator;
        Time = time;
        Counter = counter;
    }

    public QuickBooksOnlineSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public InFlightCounter Counter { get; }

    public IQuickBooksOnlineClient Client => _services.GetRequiredService<IQuickBooksOnlineClient>();

    /// <summary>The client's rate governors (the realm's request and batch budgets).</summary>
    public RateGovernorRegistry Governors => _services.GetRequiredService<RateGovernorRegistry>();

    public static async Task<QboClientHarness> StartAsync(
        FakeTimeProvider? time = null,
        IOAuthTokenManager? tokens = null,
        Func<string, bool>? tokenValidator = null,
        IDictionary<string, string?>? settings = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        var simulator = await QuickBooksOnlineSimulator.StartAsync(tokenValidator ?? (t => t == AccessToken), time);
        var configuration = new Dictionary<string, string?>
        {
            // No real waiting between HTTP retries, and timeouts long enough for a minute of fake rate-governor waits.
            ["Resilience:qbo:BaseDelay"] = "00:00:00",
            ["Resilience:qbo:UseJitter"] = "false",
            ["Resilience:qbo:AttemptTimeout"] = "00:10:00",
            ["Resilience:qbo:TotalTimeout"] = "00:30:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var connection = new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.ShipStationQbo,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["qbo"] = new Dictionary<string, string> { ["realmId"] = RealmId, ["baseUrl"] = simulator.BaseAddress.ToString() },
            },
        };
        var connections = new Mock<IConnectionStore>();
        connections.Setup(c => c.GetAsync(ConnectionId, It.IsAny<CancellationToken>())).ReturnsAsync(connection);
        if (tokens is null)
        {
            var fixedToken = new Mock<IOAuthTokenManager>();
            fixedToken.Setup(t => t.GetAccessTokenAsync(ConnectionId, "qbo", It.IsAny<CancellationToken>())).ReturnsAsync(AccessToken);
            fixedToken.Setup(t => t.RenewAccessTokenAsync(ConnectionId, "qbo", AccessToken, It.IsAny<CancellationToken>())).ReturnsAsync(RenewedAccessToken);
            tokens = fixedToken.Object;
        }

        var counter = new InFlightCounter();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddSingleton(connections.Object);
        services.AddSingleton(tokens);
        services.AddQuickBooksOnlineConnector().AddHttpMessageHandler(counter.CreateHandler);
        return new QboClientHarness(services.BuildServiceProvider(validateScopes: true), simulator, time, counter);
    }

    /// <summary>Seeds a customer and an item so invoices can reference them.</summary>
    public (string CustomerId, string ItemId) SeedCustomerAndItem()
    {
        Simulator.Seed(RealmId, """
            {"QueryResponse":{
              "Account":[{"Id":"1","Name":"Sales of Product Income","AccountType":"Income"}],
              "Item":[{"Id":"7","Name":"Ceramic Mug","Sku":"MUG-12","Type":"NonInventory","UnitPrice":12.5,"IncomeAccountRef":{"value":"1"}}],
              "Customer":[{"Id":"42","DisplayName":"Ada Lovelace","PrimaryEmailAddr":{"Address":"ada@example.com"}}]
            }}
            """);
        return ("42", "7");
    }

    public static QboInvoice NewInvoice(string customerId, string itemId, string docNumber) => new()
    {
        DocNumber = docNumber,
        TxnDate = new DateOnly(2026, 11, 23),
        CustomerRef = new QboRef(customerId),
        PrivateNote = $"ml-connector shipstation order {docNumber}",
        Line =
        [
            new QboLine
            {
                DetailType = "SalesItemLineDetail",
                Amount = 25m,
                Description = "Ceramic Mug",
                SalesItemLineDetail = new QboSalesItemLineDetail(new QboRef(itemId), 2m, 12.5m),
            },
        ],
    };

    /// <summary>Moves the fake time on while <paramref name="work"/> runs, so the client's rate governors let calls through.</summary>
    public async Task<T> WithFakeTimeAsync<T>(Task<T> work)
    {
        for (var rounds = 0; !work.IsCompleted && rounds < 600; rounds++)
        {
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(20)));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return await work;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
