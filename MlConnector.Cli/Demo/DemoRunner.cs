using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Serve;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.ShipStation;
using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>
/// Runs the whole ShipStation → QuickBooks Online product against the sandbox: Azurite, an Intuit-like OAuth server,
/// the QBO and ShipStation simulators and the standalone host, all on loopback. Orders arrive through webhooks
/// (one batch delivered twice, one batch never delivered), one order carries an unmapped SKU, reconciliation finds
/// what the webhooks missed, the orders ship, and the QBO company is checked invoice by invoice.
/// </summary>
internal sealed class DemoRunner(IAnsiConsole progress)
{
    private const string ConnectionId = "demo-coffee";
    private const string ClientId = "mlc-demo-client";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(5);

    public async Task<DemoSummary> RunAsync(int orderCount, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var apiKey = "demo-key-" + Token(6);
        var apiSecret = Token(24);
        var clientSecret = Token(24);
        var webhookSecret = Token(24);
        var problems = new List<string>();

        Step("Starting the Intuit OAuth, QuickBooks Online and ShipStation simulators");
        await using var idp = await OAuthServerSimulator.StartAsync(cancellationToken: cancellationToken);
        idp.RegisterClient(ClientId, clientSecret);
        await using var qbo = await QuickBooksOnlineSimulator.StartAsync(idp.IsAccessTokenValid, cancellationToken: cancellationToken);
        await using var shipStation = await ShipStationSimulator.StartAsync(cancellationToken: cancellationToken);
        shipStation.RegisterCredentials(apiKey, apiSecret);

        Step("Starting Azurite and ml-connector (standalone host)");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        await using var host = await StandaloneHost.StartAsync(
            new ServeSettings(baseUrl.TrimEnd('/'), AzuriteDataDirectory: null),
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Secrets:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), "mlconnector-demo-keys-" + Token(4)),
                    ["OAuth:Providers:qbo:AuthorizeEndpoint"] = idp.AuthorizeEndpoint.ToString(),
                    ["OAuth:Providers:qbo:TokenEndpoint"] = idp.TokenEndpoint.ToString(),
                    ["OAuth:Providers:qbo:RedirectUri"] = baseUrl + "api/oauth/qbo/callback",
                    ["OAuth:Providers:qbo:ClientId"] = ClientId,
                    ["OAuth:Providers:qbo:ClientSecretName"] = "qbo-client-secret",
                    ["OAuth:Providers:qbo:Scopes:0"] = "com.intuit.quickbooks.accounting",
                    // The demo tells its own story; the host's logs (retries, expected 409s on duplicate starts) stay quiet.
                    ["Logging:LogLevel:Default"] = "Error",
                    ["Logging:LogLevel:Microsoft"] = "Error",
                    ["Logging:LogLevel:Polly"] = "Error",
                    ["Logging:LogLevel:Azure"] = "Error",
                    ["Logging:LogLevel:MlConnector.Core.Workflows"] = "Critical",
                });
            },
            cancellationToken);
        var services = host.Services;
        var secrets = services.GetRequiredService<ISecretStore>();
        await secrets.SetAsync("qbo-client-secret", clientSecret, cancellationToken);
        await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-key"), apiKey, cancellationToken);
        await secrets.SetAsync(SecretName.For(ConnectionId, "shipstation-api-secret"), apiSecret, cancellationToken);
        await secrets.SetAsync(SecretName.For(ConnectionId, ShipStationQboNames.WebhookSecretPurpose), webhookSecret, cancellationToken);

        Step("Creating the demo connection and connecting QuickBooks Online (OAuth consent)");
        var connections = services.GetRequiredService<IConnectionStore>();
        await connections.CreateAsync(DemoConnection(shipStation.BaseAddress, qbo.BaseAddress), cancellationToken);
        using (var browser = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            using var consent = await browser.GetAsync(new Uri($"api/oauth/qbo/connect/{ConnectionId}", UriKind.Relative), cancellationToken);
            if (!consent.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"QBO consent failed with HTTP {(int)consent.StatusCode}.");
            }
        }

        var realmId = (await connections.GetAsync(ConnectionId, cancellationToken))!.GetSetting("qbo", "realmId")
            ?? throw new InvalidOperationException("The OAuth callback did not record the QBO realmId.");
        qbo.SeedDemoCatalog(realmId);
        qbo.Seed(realmId, TaxItemJson);

        Step("Registering ml-connector's webhooks in ShipStation through its API");
        var shipStationClient = services.GetRequiredService<IShipStationClient>();
        var hookUrl = new Uri($"{baseUrl}api/webhooks/shipstation/{ConnectionId}/{webhookSecret}");
        foreach (var hook in new[] { ShipStationWebhookEvents.OrderNotify, ShipStationWebhookEvents.ShipNotify })
        {
            await shipStationClient.SubscribeWebhookAsync(ConnectionId, hookUrl, hook, "ml-connector demo", cancellationToken);
        }

        // Orders arrive in five imports; the second is delivered twice, the last never.
        var drafts = DemoOrderGenerator.Generate(orderCount, badOrderIndex: orderCount / 3, TimeProvider.System.GetUtcNow().AddHours(-6));
        var badOrder = drafts[orderCount / 3].OrderNumber;
        var batches = drafts.Chunk(Math.Max(1, (orderCount + 4) / 5)).ToList();
        var deliveries = 0;
        var created = new List<ShipStationOrder>();
        Step($"Importing {orderCount} orders into ShipStation in {batches.Count} batches and delivering ORDER_NOTIFY webhooks");
        for (var i = 0; i < batches.Count; i++)
        {
            var orders = shipStation.AddOrders(batches[i].Select(ToDraft));
            created.AddRange(orders);
            var mode = i == batches.Count - 1 && batches.Count > 1 ? ShipStationWebhookDelivery.Drop : i == 1 ? ShipStationWebhookDelivery.Twice : ShipStationWebhookDelivery.Once;
            var results = await shipStation.NotifyOrdersAsync(orders, mode, cancellationToken);
            deliveries += results.Count(r => !r.Dropped);
            problems.AddRange(results.Where(r => !r.Dropped && r.StatusCode is not 200).Select(r => $"A webhook delivery was answered {r.StatusCode}: {r.Error}"));
        }

        var client = services.GetRequiredService<IWorkflowClient>();
        var delivered = batches.Take(batches.Count > 1 ? batches.Count - 1 : batches.Count).SelectMany(b => b).Select(o => o.OrderNumber).ToList();
        await WaitForAsync("Syncing delivered orders to QuickBooks Online", delivered.Select(o => ShipStationQboKeys.OrderInstance(ConnectionId, o)).ToList(), client, cancellationToken);

        Step("Running reconciliation (the poll that catches what webhooks missed)");
        var reconciled = await services.GetRequiredService<ShipStationQboReconciler>().ReconcileAsync(ConnectionId, cancellationToken: cancellationToken);
        await WaitForAsync("Syncing the orders reconciliation found", drafts.Select(o => ShipStationQboKeys.OrderInstance(ConnectionId, o.OrderNumber)).ToList(), client, cancellationToken);

        Step("Shipping the good orders in ShipStation and delivering SHIP_NOTIFY webhooks");
        var shipments = new List<ShipStationShipment>();
        foreach (var order in drafts.Where(o => o.OrderNumber != badOrder))
        {
            shipments.Add(shipStation.ShipOrder(order.OrderNumber, "ups", "ups_ground", "1Z999AA1" + order.OrderNumber.PadLeft(10, '0'), 8.25m));
        }

        var shipmentBatches = shipments.Chunk(Math.Max(1, (shipments.Count + 4) / 5)).ToList();
        for (var i = 0; i < shipmentBatches.Count; i++)
        {
            var results = await shipStation.NotifyShipmentsAsync(shipmentBatches[i], i == 0 ? ShipStationWebhookDelivery.Twice : ShipStationWebhookDelivery.Once, cancellationToken);
            deliveries += results.Count(r => !r.Dropped);
        }

        await WaitForAsync("Updating invoices with ship date, carrier and tracking", shipments.Select(s => ShipStationQboKeys.ShipmentInstance(ConnectionId, s.ShipmentId)).ToList(), client, cancellationToken);

        Step("Checking the QuickBooks Online company invoice by invoice");
        return await CheckAsync(services, qbo, realmId, drafts, badOrder, shipments, deliveries, reconciled, problems, clock, cancellationToken);
    }

    private static async Task<DemoSummary> CheckAsync(
        IServiceProvider services,
        QuickBooksOnlineSimulator qbo,
        string realmId,
        IReadOnlyList<DemoOrder> drafts,
        string badOrder,
        IReadOnlyList<ShipStationShipment> shipments,
        int deliveries,
        ReconcileResult reconciled,
        List<string> problems,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<IWorkflowClient>();
        var invoices = qbo.GetEntities(realmId, "Invoice");
        var byDocNumber = invoices.GroupBy(i => (string?)i["DocNumber"] ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var good = drafts.Where(o => o.OrderNumber != badOrder).ToList();
        var exactlyOne = 0;
        var withTracking = 0;
        foreach (var order in good)
        {
            var found = byDocNumber.TryGetValue(order.OrderNumber, out var list) ? list : [];
            if (found.Count == 1)
            {
                exactlyOne++;
            }
            else
            {
                problems.Add($"Order {order.OrderNumber} has {found.Count} invoices in QBO (expected exactly 1).");
            }

            var expected = shipments.First(s => s.OrderNumber == order.OrderNumber).TrackingNumber;
            if (found.Count == 1 && (string?)found[0]["TrackingNum"] == expected)
            {
                withTracking++;
            }
            else if (found.Count == 1)
            {
                problems.Add($"Invoice {order.OrderNumber} does not carry tracking number {expected}.");
            }
        }

        if (byDocNumber.ContainsKey(badOrder))
        {
            problems.Add($"Order {badOrder} with the unmapped SKU was invoiced; it must fail.");
        }

        var failures = new List<DemoFailure>();
        foreach (var failed in await client.ListFailedAsync(ConnectionId, cancellationToken))
        {
            var orderNumber = drafts.FirstOrDefault(o => failed.InstanceId == ShipStationQboKeys.OrderInstance(ConnectionId, o.OrderNumber))?.OrderNumber ?? failed.InstanceId;
            failures.Add(new DemoFailure(orderNumber, failed.Failure?.Kind.ToString() ?? "Unknown", failed.Failure?.Message ?? "(no reason recorded)", failed.InstanceId));
        }

        if (failures.Count != 1 || failures[0].OrderNumber != badOrder || !failures[0].Reason.Contains(DemoOrderGenerator.UnmappedSku, StringComparison.Ordinal))
        {
            problems.Add($"Expected exactly one failed order, {badOrder}, naming SKU {DemoOrderGenerator.UnmappedSku}; found {failures.Count} failure(s).");
        }

        var audit = services.GetRequiredService<IAuditTrail>();
        var window = new AuditQuery(ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddMinutes(1)) { Operation = "shipstation.webhook.receive", Outcome = AuditOutcome.Skipped, Limit = 5000 };
        var suppressed = (await audit.QueryAsync(window, cancellationToken)).Count;

        return new DemoSummary
        {
            OrdersReceived = drafts.Count,
            WebhookDeliveries = deliveries,
            DuplicateDeliveriesSuppressed = suppressed,
            OrdersMissedByWebhooksFoundByReconciliation = reconciled.Orders.Started,
            CustomersCreated = qbo.Count(realmId, "Customer"),
            InvoicesCreated = invoices.Count,
            InvoicesUpdatedWithShipments = withTracking,
            OrdersWithExactlyOneInvoice = exactlyOne,
            GoodOrders = good.Count,
            Failures = failures,
            Problems = problems,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Passed = problems.Count == 0 && exactlyOne == good.Count && withTracking == good.Count,
        };
    }

    private async Task WaitForAsync(string what, List<string> instanceIds, IWorkflowClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WaitLimit);
        await progress.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(what), maxValue: instanceIds.Count);
            while (true)
            {
                var done = 0;
                foreach (var id in instanceIds)
                {
                    if ((await client.GetStatusAsync(id, timeout.Token))?.RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed)
                    {
                        done++;
                    }
                }

                task.Value = done;
                if (done == instanceIds.Count)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(400), timeout.Token);
            }
        });
        progress.MarkupLine($"[green]✓[/] {Markup.Escape(what)}: {instanceIds.Count} done");
    }

    private void Step(string text) => progress.MarkupLine("[grey]•[/] " + Markup.Escape(text));

    private static Connection DemoConnection(Uri shipStation, Uri qbo) => new()
    {
        Id = ConnectionId,
        Kind = IntegrationKinds.ShipStationQbo,
        DisplayName = "Demo Coffee Roasters",
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["shipstation"] = new Dictionary<string, string> { ["apiVersion"] = "v1", ["baseUrl"] = shipStation.ToString() },
            ["qbo"] = new Dictionary<string, string> { ["environment"] = "sandbox", ["baseUrl"] = qbo.ToString() },
        },
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [ShipStationQboNames.SkuMapping] = new Dictionary<string, string>
            {
                ["MUG-12-WHT"] = "3", ["MUG-16-BLK"] = "4", ["KIT-POUR-01"] = "5", ["BEAN-1LB-HOUSE"] = "6", ["TUMBLER-20-SS"] = "7", ["FILTER-100"] = "8",
            },
            [ShipStationQboNames.ShippingMethodMapping] = new Dictionary<string, string> { ["UPS Ground"] = "1", ["UPS 2nd Day Air"] = "2" },
            [ShipStationQboNames.DefaultsMapping] = new Dictionary<string, string>
            {
                [ShipStationQboNames.ShippingItemKey] = "1",
                [ShipStationQboNames.TaxItemKey] = "100",
            },
        },
        Schedules = new Dictionary<string, string> { ["reconcile"] = "*/15 * * * *" },
    };

    private static ShipStationOrderDraft ToDraft(DemoOrder order) => new(order.OrderNumber)
    {
        CustomerEmail = order.CustomerEmail,
        CustomerName = order.CustomerName,
        ShipTo = new ShipStationAddress(order.CustomerName, order.Street, order.City, order.State, order.PostalCode, "US"),
        Items = order.Lines.Select(l => new ShipStationOrderItem(l.Sku, l.Name, l.Quantity, l.UnitPrice)).ToList(),
        ShippingAmount = order.ShippingAmount,
        TaxAmount = order.TaxAmount,
        RequestedShippingService = order.ShippingService,
        OrderDateUtc = order.OrderDateUtc,
    };

    private const string TaxItemJson = """
        {"QueryResponse":{"Item":[{"Id":"100","SyncToken":"0","Name":"Sales Tax Collected by Store","Type":"Service","Active":true,"IncomeAccountRef":{"value":"1","name":"Sales of Product Income"}}]}}
        """;

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
