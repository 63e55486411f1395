using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The QuickBooks Desktop ↔ ShipStation phase of the demo, on the same host: a second ShipStation account and a simulated
/// Web Connector that polls the host's <c>/api/qbwc</c> on a short schedule. Orders with known customers and items become
/// QuickBooks Desktop invoices on their ship dates; one order with an unknown item is flagged and creates nothing; the
/// answer to one InvoiceAdd is lost (the retry re-queries and creates nothing twice); a second label meets an invoice a
/// person just edited (stale EditSequence, re-read); a shipped and invoiced order is cancelled in ShipStation and its invoice
/// is voided (still one transaction with its number, amount zero); QuickBooks is "closed" for one poll and the health check
/// says so; an inventory reconciliation runs. It passes only when each good order has exactly one transaction with its order number.
/// </summary>
internal sealed class QbdShipStationDemoPhase(DemoProgress progress)
{
    private const string Connection = QbdShipStationDemoSandbox.ConnectionId;
    private const string UnknownItem = "GRINDER-X";
    private const string Cancelled = "QD-1004";
    private static readonly TimeSpan Schedule = TimeSpan.FromMilliseconds(150);

    public async Task<QbdShipStationDemoSummary> RunAsync(DemoSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        progress.Step("QuickBooks Desktop ↔ ShipStation: a second ShipStation account, a QuickBooks Desktop company file and its Web Connector (every 150 ms)");
        await using var qbd = await QbdShipStationDemoSandbox.StartAsync(sandbox.Host, null, cancellationToken);
        var (shipStation, quickBooks, services) = (qbd.ShipStation, qbd.QuickBooks, sandbox.Host.Services);
        var workflows = services.GetRequiredService<IWorkflowClient>();
        qbd.SeedCompanyFile();

        progress.Step("Importing 6 orders into ShipStation (one with an item QuickBooks does not know); ORDER_NOTIFY delivered twice");
        var orders = shipStation.AddOrders(
        [
            QbdShipStationDemoSandbox.Draft("QD-1001", "Ada Lovelace", ("WIDGET-1", 2, 12.50m)),
            QbdShipStationDemoSandbox.Draft("QD-1002", "Grace Hopper", ("GADGET-2", 1, 99m), ("CABLE-3", 3, 4.99m)),
            QbdShipStationDemoSandbox.Draft("QD-1003", "Alan Turing", ("CABLE-3", 10, 4.99m)),
            QbdShipStationDemoSandbox.Draft("QD-1004", "Ada Lovelace", ("GADGET-2", 1, 99m)),
            QbdShipStationDemoSandbox.Draft("QD-1005", "Grace Hopper", ("WIDGET-1", 1, 12.50m), (UnknownItem, 1, 40m)),
            QbdShipStationDemoSandbox.Draft("QD-1006", "Alan Turing", ("GADGET-2", 3, 99m)),
        ]);
        var unshipped = "QD-1006"; // stays open: 3 GADGET-2 ordered, 1 on hand
        var good = orders.Where(o => o.OrderNumber is not ("QD-1005" or "QD-1006")).Select(o => o.OrderNumber).ToList();
        await shipStation.NotifyOrdersAsync(orders, ShipStationWebhookDelivery.Twice, cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);
        var batch = QbdShipStationKeys.OrderBatchInstance(Connection, orders.Select(o => o.OrderNumber));
        progress.Step("The Web Connector polls: customer and item lists read with iterators, orders checked against them");
        await RunUntilAsync(qbd, workflows, [batch], problems, cancellationToken);

        progress.Step("Shipping every order but one (SHIP_NOTIFY delivered twice); the Web Connector loses QuickBooks' answer to one InvoiceAdd, and QuickBooks is closed for one poll");
        var shipments = orders.Where(o => o.OrderNumber != unshipped).Select((o, i) => shipStation.ShipOrder(o.OrderNumber, "ups", "ups_ground", "1ZQD" + (1000 + i).ToString(CultureInfo.InvariantCulture), 8.25m)).ToList();
        quickBooks.LoseResponseTo = "InvoiceAddRq";
        await shipStation.NotifyShipmentsAsync(shipments, ShipStationWebhookDelivery.Twice, cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);
        quickBooks.QuickBooksClosed = true;
        await qbd.RunWebConnectorUntilAsync(() => Task.FromResult(qbd.Runs.Any(r => r.LastError is not null)), 40, Schedule, cancellationToken);
        var closedHealth = await QbwcHealthAsync(services, cancellationToken);
        quickBooks.QuickBooksClosed = false;
        var posted = shipments.Select(s => QbdShipStationKeys.ShipmentInstance(Connection, s.ShipmentId)).ToList();
        await RunUntilAsync(qbd, workflows, posted, problems, cancellationToken);
        var openHealth = await QbwcHealthAsync(services, cancellationToken);

        progress.Step("A second label for QD-1001 while someone edits its invoice in QuickBooks (stale EditSequence)");
        var second = shipStation.ShipOrder("QD-1001", "fedex", "fedex_ground", "7777QD1001", 9m);
        quickBooks.EditBeforeNextMod = true;
        await shipStation.NotifyShipmentsAsync([second], cancellationToken: cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);
        await RunUntilAsync(qbd, workflows, [QbdShipStationKeys.ShipmentInstance(Connection, second.ShipmentId)], problems, cancellationToken);

        progress.Step("QD-1004 is cancelled in ShipStation after it was invoiced (ORDER_NOTIFY delivered twice): its invoice is voided, not duplicated");
        await shipStation.NotifyOrdersAsync([shipStation.CancelOrder(Cancelled)], ShipStationWebhookDelivery.Twice, cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);
        await RunUntilAsync(qbd, workflows, [QbdShipStationKeys.OrderChangeInstance(Connection, Cancelled, QbdShipStationDispatcher.CancelledRevision)], problems, cancellationToken);

        progress.Step("Inventory reconciliation: open ShipStation quantities against QuickBooks Desktop on hand");
        var occurrence = TimeProvider.System.GetUtcNow();
        await services.GetRequiredService<QbdInventoryReconcileJob>().RunAsync(occurrence, cancellationToken);
        await RunUntilAsync(qbd, workflows, [QbdShipStationKeys.InventoryInstance(Connection, occurrence)], problems, cancellationToken);
        var inventory = await services.GetRequiredService<QbdInventoryStore>().GetAsync(Connection, cancellationToken);

        progress.Step("Checking the QuickBooks Desktop company file order by order");
        var invoices = quickBooks.Invoices;
        var exactlyOne = good.Count(n => invoices.Count(i => i.RefNumber == n) == 1);
        var flaggedTxns = invoices.Count(i => i.RefNumber == "QD-1005") + quickBooks.JournalEntries.Count(j => j.RefNumber == "QD-1005");
        var flagged = await services.GetRequiredService<QbdOrderStore>().GetAsync(Connection, "QD-1005", cancellationToken);
        foreach (var shipment in shipments.Where(s => good.Contains(s.OrderNumber)))
        {
            var date = shipment.ShipDateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (invoices.FirstOrDefault(i => i.RefNumber == shipment.OrderNumber) is { TxnDate: var txnDate } && txnDate != date)
            {
                problems.Add($"Invoice {shipment.OrderNumber} is dated {txnDate}, not its ship date {date}.");
            }
        }

        Check(problems, exactlyOne == good.Count, $"{exactlyOne} of {good.Count} good orders have exactly one QuickBooks Desktop invoice.");
        Check(problems, flaggedTxns == 0 && flagged?.Review == QbdOrderReview.NeedsReview, $"The order with {UnknownItem} is not flagged, or something was created for it.");
        Check(problems, quickBooks.LostResponses == 1, "No response was lost.");
        Check(problems, quickBooks.StaleEditSequences == 1, "No stale EditSequence was met.");
        Check(problems, quickBooks.Voids == 1 && quickBooks.AmountOf(Cancelled) == 0m, $"The cancelled order {Cancelled}'s invoice was not voided exactly once.");
        Check(problems, closedHealth.Problem is not null, "The health check did not say QuickBooks was closed.");
        Check(problems, openHealth.Problem is null, "The health check still reports QuickBooks closed after it answered.");
        Check(problems, inventory.Discrepancies.Any(d => d.Item == "GADGET-2" && d.OrderedOpen == 3), "The inventory reconciliation did not report the open order's GADGET-2 shortage.");
        return new QbdShipStationDemoSummary
        {
            GoodOrders = good.Count,
            OrdersWithExactlyOneTransaction = exactlyOne,
            InvoiceDates = invoices.GroupBy(i => i.RefNumber).ToDictionary(g => g.Key, g => g.First().TxnDate),
            FlaggedOrders = flagged?.Review == QbdOrderReview.NeedsReview ? ["QD-1005"] : [],
            FlaggedReasons = flagged?.Missing is { } missing ? [$"QD-1005: {missing}"] : [],
            TransactionsForFlaggedOrders = flaggedTxns,
            LostResponses = quickBooks.LostResponses,
            StaleEditSequencesReRead = quickBooks.StaleEditSequences,
            VoidedInvoices = quickBooks.Voids,
            HealthWhileQuickBooksClosed = closedHealth.Problem,
            HealthClearedAfterwards = openHealth.Problem is null,
            InventoryDiscrepancies = inventory.Discrepancies.Count,
            WebConnectorRuns = qbd.Runs.Count,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Problems = problems,
            Passed = problems.Count == 0,
        };
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    private static async Task RunUntilAsync(QbdShipStationDemoSandbox qbd, IWorkflowClient workflows, IReadOnlyList<string> instances, List<string> problems, CancellationToken cancellationToken)
    {
        var settled = await qbd.RunWebConnectorUntilAsync(
            async () =>
            {
                foreach (var id in instances)
                {
                    if (await workflows.GetStatusAsync(id, cancellationToken) is not { RuntimeStatus: WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed })
                    {
                        return false;
                    }
                }

                return true;
            },
            200,
            Schedule,
            cancellationToken);
        if (!settled)
        {
            problems.Add($"Not finished after the Web Connector's runs: {string.Join(", ", instances)}.");
        }

        foreach (var id in instances)
        {
            if (await workflows.GetStatusAsync(id, cancellationToken) is { RuntimeStatus: WorkflowRuntimeStatus.Failed } failed)
            {
                problems.Add($"{id} failed: {failed.Failure?.Message}");
            }
        }
    }

    private static async Task<(string? Problem, DateTimeOffset? LastSeen)> QbwcHealthAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var presence = services.GetRequiredService<MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector.QuickBooksWebConnectorPresence>();
        var status = await presence.GetAsync(Connection, cancellationToken);
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == QbdWebConnectorHealthCheck.Name, cancellationToken);
        return (report.Status == HealthStatus.Healthy ? null : status.QuickBooksProblem ?? report.Entries[QbdWebConnectorHealthCheck.Name].Description, status.LastSeenUtc);
    }
}
