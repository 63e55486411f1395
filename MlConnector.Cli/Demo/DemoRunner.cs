using System.Diagnostics;
using System.Text.Json.Nodes;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.ShipStation;
using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>
/// Runs the whole ShipStation → QuickBooks Online product against the sandbox: Azurite, an Intuit-like OAuth server,
/// the QBO and ShipStation simulators and the standalone host, all on loopback. Orders arrive through webhooks
/// (one batch delivered twice, one batch never delivered), one order carries an unmapped SKU, reconciliation finds
/// what the webhooks missed, the orders ship (all with labels but one, which a fulfillment provider ships), and the QBO
/// company is checked invoice by invoice. Then, in the same sandbox and host, the QBO ↔ UPS phase
/// (<see cref="QboUpsDemoPhase"/>) runs on a second QBO company.
/// </summary>
internal sealed class DemoRunner(IAnsiConsole console)
{
    private const string ConnectionId = DemoSandbox.ConnectionId;

    /// <summary>The carrier the fulfillment provider reports (free text on V1 fulfillments).</summary>
    private const string FulfillmentCarrier = "FedEx";

    /// <summary>The seller fulfillment provider that ships one good order.</summary>
    private const string FulfillmentProvider = "Acme 3PL";

    private readonly DemoProgress _progress = new(console);

    public async Task<DemoSummary> RunAsync(int orderCount, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await DemoSandbox.StartAsync(_progress.Step, cancellationToken);
        return await RunCoreAsync(sandbox, orderCount, clock, cancellationToken);
    }

    /// <summary>Runs the demo in a sandbox the caller started and disposes, so a test can look into the simulators afterwards.</summary>
    public Task<DemoSummary> RunAsync(DemoSandbox sandbox, int orderCount, CancellationToken cancellationToken) =>
        RunCoreAsync(sandbox, orderCount, Stopwatch.StartNew(), cancellationToken);

    private async Task<DemoSummary> RunCoreAsync(DemoSandbox sandbox, int orderCount, Stopwatch clock, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var (shipStation, qbo, services, realmId) = (sandbox.ShipStation, sandbox.Qbo, sandbox.Host.Services, sandbox.RealmId);

        // Orders arrive in five imports; the second is delivered twice, the last never.
        var drafts = DemoOrderGenerator.Generate(orderCount, badOrderIndex: orderCount / 3, TimeProvider.System.GetUtcNow().AddHours(-6));
        var badOrder = drafts[orderCount / 3].OrderNumber;
        var batches = drafts.Chunk(Math.Max(1, (orderCount + 4) / 5)).ToList();
        var deliveries = 0;
        var created = new List<ShipStationOrder>();
        _progress.Step($"Importing {orderCount} orders into ShipStation in {batches.Count} batches and delivering ORDER_NOTIFY webhooks");
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
        IReadOnlySet<string> Invoiced() => qbo.GetEntities(realmId, "Invoice").Select(i => (string?)i["DocNumber"] ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        await _progress.WaitForOrdersAsync("Syncing delivered orders to QuickBooks Online", ConnectionId, delivered, Invoiced, client, cancellationToken);

        _progress.Step("Running reconciliation (the poll that catches what webhooks missed)");
        var reconciled = await services.GetRequiredService<ShipStationQboReconciler>().ReconcileAsync(ConnectionId, cancellationToken: cancellationToken);
        await _progress.WaitForOrdersAsync("Syncing the orders reconciliation found", ConnectionId, [.. drafts.Select(o => o.OrderNumber)], Invoiced, client, cancellationToken);

        // Every good order ships with a label but one, which a fulfillment provider ships (FULFILLMENT_SHIPPED).
        var fulfilledOrder = drafts.Last(o => o.OrderNumber != badOrder).OrderNumber;
        _progress.Step("Shipping the good orders in ShipStation and delivering SHIP_NOTIFY webhooks");
        var shipments = new List<ShipStationShipment>();
        foreach (var order in drafts.Where(o => o.OrderNumber != badOrder && o.OrderNumber != fulfilledOrder))
        {
            shipments.Add(shipStation.ShipOrder(order.OrderNumber, "ups", "ups_ground", "1Z999AA1" + order.OrderNumber.PadLeft(10, '0'), 8.25m));
        }

        var shipmentBatches = shipments.Chunk(Math.Max(1, (shipments.Count + 4) / 5)).ToList();
        for (var i = 0; i < shipmentBatches.Count; i++)
        {
            var results = await shipStation.NotifyShipmentsAsync(shipmentBatches[i], i == 0 ? ShipStationWebhookDelivery.Twice : ShipStationWebhookDelivery.Once, cancellationToken);
            deliveries += results.Count(r => !r.Dropped);
        }

        _progress.Step($"Order {fulfilledOrder} shipped by a fulfillment provider: delivering FULFILLMENT_SHIPPED");
        var fulfillment = shipStation.FulfillOrder(fulfilledOrder, FulfillmentCarrier, "6647" + fulfilledOrder.PadLeft(8, '0'), FulfillmentProvider, 3.75m);
        var fulfillmentResults = await shipStation.NotifyFulfillmentsAsync([fulfillment], ShipStationWebhookDelivery.Once, cancellationToken);
        deliveries += fulfillmentResults.Count(r => !r.Dropped);
        problems.AddRange(fulfillmentResults.Where(r => !r.Dropped && r.StatusCode is not 200).Select(r => $"A FULFILLMENT_SHIPPED delivery was answered {r.StatusCode}: {r.Error}"));

        var updates = shipments.ToDictionary(s => s.TrackingNumber!, s => ShipStationQboKeys.ShipmentInstance(ConnectionId, s.ShipmentId), StringComparer.Ordinal);
        updates[fulfillment.TrackingNumber!] = ShipStationQboKeys.FulfillmentInstance(ConnectionId, fulfillment.FulfillmentId);
        IReadOnlySet<string> Tracked() => qbo.GetEntities(realmId, "Invoice").Select(i => (string?)i["TrackingNum"] ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        await _progress.WaitForShipmentsAsync("Updating invoices with ship date, carrier and tracking", updates, Tracked, client, cancellationToken);

        await sandbox.WaitForIntakeAsync(cancellationToken);
        _progress.Step("Checking the QuickBooks Online company invoice by invoice");
        var summary = await CheckAsync(services, qbo, realmId, drafts, badOrder, shipments, fulfillment, deliveries, reconciled, problems, clock, cancellationToken);

        var qboUps = await new QboUpsDemoPhase(_progress).RunAsync(sandbox, cancellationToken);
        var freshBooksUps = await new FreshBooksUpsDemoPhase(_progress).RunAsync(sandbox, cancellationToken);
        var qbdShipStation = await new QbdShipStationDemoPhase(_progress).RunAsync(sandbox, cancellationToken);
        var qboSps = await new QboSpsDemoPhase(_progress).RunAsync(sandbox, cancellationToken);
        return summary with
        {
            QboUps = qboUps,
            FreshBooksUps = freshBooksUps,
            QbdShipStation = qbdShipStation,
            QboSps = qboSps,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Passed = summary.Passed && qboUps.Passed && freshBooksUps.Passed && qbdShipStation.Passed && qboSps.Passed,
        };
    }

    private static async Task<DemoSummary> CheckAsync(
        IServiceProvider services,
        QuickBooksOnlineSimulator qbo,
        string realmId,
        IReadOnlyList<DemoOrder> drafts,
        string badOrder,
        IReadOnlyList<ShipStationShipment> shipments,
        ShipStationFulfillment fulfillment,
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

            var expected = order.OrderNumber == fulfillment.OrderNumber
                ? fulfillment.TrackingNumber
                : shipments.First(s => s.OrderNumber == order.OrderNumber).TrackingNumber;
            if (found.Count == 1 && (string?)found[0]["TrackingNum"] == expected)
            {
                withTracking++;
            }
            else if (found.Count == 1)
            {
                problems.Add($"Invoice {order.OrderNumber} does not carry tracking number {expected}.");
            }
        }

        var fulfillmentsApplied = CheckFulfillment(byDocNumber, fulfillment, problems);

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
        // A redelivery counts on its first receipt row (Repeats); a Skipped row is one whose first delivery left no row.
        var window = new AuditQuery(ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddMinutes(1)) { Operation = "shipstation.webhook.receive", Limit = 5000 };
        var suppressed = (await audit.QueryAsync(window, cancellationToken)).Sum(r => r.Repeats + (r.Outcome == AuditOutcome.Skipped ? 1 : 0));

        return new DemoSummary
        {
            OrdersReceived = drafts.Count,
            WebhookDeliveries = deliveries,
            DuplicateDeliveriesSuppressed = suppressed,
            OrdersMissedByWebhooksFoundByReconciliation = reconciled.Orders.Started,
            CustomersCreated = qbo.Count(realmId, "Customer"),
            InvoicesCreated = invoices.Count,
            InvoicesUpdatedWithShipments = withTracking,
            FulfillmentsApplied = fulfillmentsApplied,
            FulfilledOrderNumber = fulfillment.OrderNumber,
            OrdersWithExactlyOneInvoice = exactlyOne,
            GoodOrders = good.Count,
            Failures = failures,
            Problems = problems,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Passed = problems.Count == 0 && exactlyOne == good.Count && withTracking == good.Count && fulfillmentsApplied == 1,
        };
    }

    /// <summary>
    /// 1 when the fulfilled order's one invoice carries the fulfillment exactly as a shipment (its tracking number, its
    /// carrier as the ship method) and names it once in the memo with its provider (docs/integrations/shipstation-qbo.md,
    /// "Fulfillments"); otherwise 0, with the problem recorded.
    /// </summary>
    private static int CheckFulfillment(Dictionary<string, List<JsonObject>> byDocNumber, ShipStationFulfillment fulfillment, List<string> problems)
    {
        if (!byDocNumber.TryGetValue(fulfillment.OrderNumber, out var found) || found.Count != 1)
        {
            // The per-order check already reports the missing or duplicate invoice.
            return 0;
        }

        var invoice = found[0];
        var tracking = fulfillment.TrackingNumber!;
        var memo = (string?)invoice["CustomerMemo"]?["value"] ?? string.Empty;
        var mentions = memo.Split(tracking).Length - 1;
        if ((string?)invoice["TrackingNum"] == tracking
            && (string?)invoice["ShipMethodRef"]?["value"] == fulfillment.CarrierCode
            && mentions == 1
            && memo.Contains($"fulfilled by {fulfillment.SellerFillProviderName}", StringComparison.Ordinal))
        {
            return 1;
        }

        problems.Add($"Invoice {fulfillment.OrderNumber} does not carry fulfillment {fulfillment.FulfillmentId} (tracking {tracking} via {fulfillment.CarrierCode}, fulfilled by {fulfillment.SellerFillProviderName}) exactly once; its memo names the tracking number {mentions} time(s).");
        return 0;
    }

    internal static ShipStationOrderDraft ToDraft(DemoOrder order) => new(order.OrderNumber)
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
}
