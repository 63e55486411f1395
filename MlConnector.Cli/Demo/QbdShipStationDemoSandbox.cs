using System.Security.Cryptography;
using System.Xml.Schema;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.QuickBooksDesktop;
using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Cli.Demo;

/// <summary>
/// What the QuickBooks Desktop ↔ ShipStation phase (and its tests) runs against, next to a running host: a ShipStation
/// simulator of its own (the merchant's second ShipStation account, so its webhooks reach only this connection), a
/// simulated Web Connector with its QuickBooks Desktop company file, and a <c>qbd-shipstation</c> connection whose QBWC
/// password and ShipStation keys are in the host's secret store and whose ShipStation webhooks point at the host.
/// </summary>
internal sealed class QbdShipStationDemoSandbox : IAsyncDisposable
{
    public const string ConnectionId = "demo-qbd";

    public const string UserName = "demo-qbwc";

    /// <summary>The company's time zone (the demo's orders ship on their New York dates).</summary>
    public const string TimeZone = "America/New_York";

    private QbdShipStationDemoSandbox(StandaloneHost host, ShipStationSimulator shipStation, QuickBooksDesktopSimulator quickBooks, string password)
    {
        Host = host;
        ShipStation = shipStation;
        QuickBooks = quickBooks;
        Password = password;
    }

    public StandaloneHost Host { get; }

    public ShipStationSimulator ShipStation { get; }

    /// <summary>The simulated Web Connector and QuickBooks Desktop company file.</summary>
    public QuickBooksDesktopSimulator QuickBooks { get; }

    /// <summary>The password the merchant typed into the Web Connector.</summary>
    public string Password { get; }

    /// <summary>The AppURL of the connection's <c>.qwc</c>.</summary>
    public Uri Endpoint => new(Host.BaseAddress, QuickBooksDesktopServiceCollectionExtensions.EndpointPath);

    /// <summary>Every Web Connector run so far.</summary>
    public List<QuickBooksDesktopRun> Runs { get; } = [];

    public static async Task<QbdShipStationDemoSandbox> StartAsync(StandaloneHost host, XmlSchemaSet? schemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var apiKey = "demo-qbd-key-" + Token(6);
        var apiSecret = Token(24);
        var password = Token(16);
        var shipStation = await ShipStationSimulator.StartAsync(cancellationToken: cancellationToken);
        var quickBooks = new QuickBooksDesktopSimulator(schemas);
        try
        {
            shipStation.RegisterCredentials(apiKey, apiSecret);
            var services = host.Services;
            var secrets = services.GetRequiredService<ISecretStore>();
            await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-key"), apiKey, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-secret"), apiSecret, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, QuickBooksWebConnectorService.PasswordSecret), password, cancellationToken);
            await services.GetRequiredService<IConnectionStore>().CreateAsync(
                new Connection
                {
                    Id = ConnectionId,
                    Kind = IntegrationKinds.QbdShipStation,
                    DisplayName = "Demo Hardware (QuickBooks Desktop)",
                    Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
                    {
                        ["qbd"] = new Dictionary<string, string> { ["qbwcUserName"] = UserName, ["runEveryMinutes"] = "1", ["timeZone"] = TimeZone },
                        ["shipstation"] = new Dictionary<string, string> { ["apiVersion"] = "v1", ["baseUrl"] = shipStation.BaseAddress.ToString() },
                    },
                },
                cancellationToken);
            await services.GetRequiredService<ShipStationWebhookRegistration>().RegisterAsync(ConnectionId, host.BaseAddress, cancellationToken);
            return new QbdShipStationDemoSandbox(host, shipStation, quickBooks, password);
        }
        catch
        {
            quickBooks.Dispose();
            await shipStation.DisposeAsync();
            throw;
        }
    }

    /// <summary>The company file's customers (<see cref="SeedCompanyFile"/>).</summary>
    public static IReadOnlyList<string> Customers { get; } = ["Ada Lovelace", "Grace Hopper", "Alan Turing"];

    /// <summary>The company file's inventory items with their quantities on hand (<see cref="SeedCompanyFile"/>).</summary>
    public static IReadOnlyList<(string Sku, decimal OnHand, decimal Price)> Items { get; } = [("WIDGET-1", 10, 12.50m), ("GADGET-2", 1, 99m), ("CABLE-3", 50, 4.99m)];

    /// <summary>A ShipStation order of a customer with lines of SKU, quantity and unit price.</summary>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="customer">The customer's name.</param>
    /// <param name="lines">The lines.</param>
    /// <returns>The draft.</returns>
    public static ShipStationOrderDraft Draft(string orderNumber, string customer, params (string Sku, int Quantity, decimal Price)[] lines) => new(orderNumber)
    {
        CustomerName = customer,
        CustomerEmail = customer.Replace(' ', '.').ToLowerInvariant() + "@example.com",
        Items = [.. lines.Select(l => new ShipStationOrderItem(l.Sku, l.Sku + " product", l.Quantity, l.Price))],
    };

    /// <summary>Adds <see cref="Customers"/> and <see cref="Items"/> to the QuickBooks Desktop company file.</summary>
    public void SeedCompanyFile()
    {
        foreach (var customer in Customers)
        {
            QuickBooks.AddCustomer(customer);
        }

        foreach (var (sku, onHand, _) in Items)
        {
            QuickBooks.AddInventoryItem(sku, onHand);
        }
    }

    /// <summary>One scheduled Web Connector update, as QBWC runs it.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What happened.</returns>
    public async Task<QuickBooksDesktopRun> RunWebConnectorAsync(CancellationToken cancellationToken)
    {
        var run = await QuickBooks.RunUpdateAsync(Endpoint, UserName, Password, cancellationToken);
        Runs.Add(run);
        return run;
    }

    /// <summary>
    /// Runs the Web Connector on a short schedule (every <paramref name="interval"/>) until <paramref name="settled"/> holds,
    /// at most <paramref name="maxRuns"/> times: the workflows queue their requests between runs.
    /// </summary>
    /// <param name="settled">What the caller waits for.</param>
    /// <param name="maxRuns">The most runs.</param>
    /// <param name="interval">The schedule.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>True when it settled.</returns>
    public async Task<bool> RunWebConnectorUntilAsync(Func<Task<bool>> settled, int maxRuns, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settled);
        for (var run = 0; run < maxRuns; run++)
        {
            if (await settled())
            {
                return true;
            }

            await RunWebConnectorAsync(cancellationToken);
            await Task.Delay(interval, cancellationToken);
        }

        return await settled();
    }

    public async ValueTask DisposeAsync()
    {
        QuickBooks.Dispose();
        await ShipStation.DisposeAsync();
    }

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
