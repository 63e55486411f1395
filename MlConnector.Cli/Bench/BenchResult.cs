using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>What one <c>mlconnector bench</c> run measured; the throughput figures are 0 when <see cref="Phases"/> leaves that phase out.</summary>
/// <param name="Orders">Orders pushed through (0 without the throughput phase).</param>
/// <param name="Complete">True when, of the phases run, every order got its invoice and its shipment on the invoice within the run's limit, every write-back event completed, and (e) measured both processes with every record through.</param>
/// <param name="SecondsToInvoices">From the first ORDER_NOTIFY delivery to the last invoice created in QBO.</param>
/// <param name="OrdersPerMinuteToInvoice">Orders invoiced per minute over that span.</param>
/// <param name="SecondsToShipmentsApplied">From the first SHIP_NOTIFY delivery to the last invoice carrying its tracking number.</param>
/// <param name="ShipmentsPerMinuteApplied">Shipments applied per minute over that span.</param>
/// <param name="QboRequests">Requests the QBO simulator answered.</param>
/// <param name="QboRequestsPerOrder">QBO requests per order.</param>
/// <param name="QboRequestsByEndpoint">QBO requests by endpoint.</param>
/// <param name="ShipStationRequests">Requests the ShipStation simulator answered.</param>
/// <param name="Throttled">429s answered by the simulators (QBO, ShipStation).</param>
/// <param name="PeakRssMegabytes">The bench process's peak resident memory (host, simulators and all), MiB.</param>
/// <param name="Machine">Where it ran.</param>
internal sealed record BenchResult(
    int Orders,
    bool Complete,
    double SecondsToInvoices,
    double OrdersPerMinuteToInvoice,
    double SecondsToShipmentsApplied,
    double ShipmentsPerMinuteApplied,
    int QboRequests,
    double QboRequestsPerOrder,
    IReadOnlyDictionary<string, int> QboRequestsByEndpoint,
    int ShipStationRequests,
    int Throttled,
    long PeakRssMegabytes,
    string Machine)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The phases run (<see cref="BenchPhases"/>), in order.</summary>
    public IReadOnlyList<string> Phases { get; init; } = BenchPhases.All;

    /// <summary>The ceiling and minimum request count the run's page and batch sizes allow.</summary>
    public BenchCeiling? Ceiling { get; init; }

    /// <summary>Orders/min to invoice as a fraction of <see cref="BenchCeiling.OrdersPerMinuteCeiling"/>.</summary>
    public double? InvoiceFractionOfCeiling => Ceiling is { OrdersPerMinuteCeiling: > 0 } c ? Math.Round(OrdersPerMinuteToInvoice / c.OrdersPerMinuteCeiling, 3) : null;

    /// <summary>Shipments/min applied as a fraction of <see cref="BenchCeiling.ShipmentsPerMinuteCeiling"/>.</summary>
    public double? ShipmentFractionOfCeiling => Ceiling is { ShipmentsPerMinuteCeiling: > 0 } c ? Math.Round(ShipmentsPerMinuteApplied / c.ShipmentsPerMinuteCeiling, 3) : null;

    /// <summary>QBO requests as a ratio to <see cref="BenchCeiling.MinQboRequests"/>.</summary>
    public double? QboRequestsToMinimum => Ceiling is { MinQboRequests: > 0 } c ? Math.Round((double)QboRequests / c.MinQboRequests, 3) : null;

    /// <summary>(c) Webhook ack latency per route at 200 requests/s, the bare endpoint and the bare endpoint that writes once first.</summary>
    public IReadOnlyList<AckLatency> AckLatency { get; init; } = [];

    /// <summary>(d) Event → write-back with 50 ms vendor latency.</summary>
    public WriteBackLatency? WriteBack { get; init; }

    /// <summary>(e) Peak RSS of a fresh serve process at N and 10×N records.</summary>
    public RssScale? Rss { get; init; }

    public static void WriteTable(IAnsiConsole console, BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        var throughput = result.Phases.Contains(BenchPhases.Throughput);
        if (throughput)
        {
            WriteThroughput(console, table, result);
        }

        foreach (var ack in result.AckLatency)
        {
            table.AddRow(
                $"ack {Markup.Escape(ack.Route)} p50 / p95 / p99 (ms), p99 ÷ bare" + (ack.P99ToBareWrite > 0 ? ", ÷ bare-write" : string.Empty),
                string.Create(CultureInfo.InvariantCulture, $"{ack.P50Ms} / {ack.P95Ms} / {ack.P99Ms}, {ack.P99ToBare}{(ack.P99ToBareWrite > 0 ? $", {ack.P99ToBareWrite}" : string.Empty)}{(ack.Failures > 0 ? $", {ack.Failures} failed" : string.Empty)}"));
        }

        if (result.WriteBack is { } writeBack)
        {
            table.AddRow(
                $"event → write-back p50 / p95 (ms), {writeBack.VendorLatencyMs} ms vendor latency",
                string.Create(CultureInfo.InvariantCulture, $"{writeBack.P50Ms} / {writeBack.P95Ms} ({writeBack.Completed}/{writeBack.Events})"));
        }

        if (result.Rss is { } rss)
        {
            table.AddRow(
                $"serve peak RSS (MiB) at {rss.Records} / {rss.Records * 10} records, ratio",
                string.Create(CultureInfo.InvariantCulture, $"{rss.AtN?.PeakRssMegabytes.ToString(CultureInfo.InvariantCulture) ?? "-"} / {rss.AtTenN?.PeakRssMegabytes.ToString(CultureInfo.InvariantCulture) ?? "-"}, × {rss.Ratio}"));
            foreach (var run in new[] { rss.AtN, rss.AtTenN }.OfType<RssRun>())
            {
                table.AddRow(
                    $"  {run.Records} records: accepted (retried), seconds to accepted / processed",
                    string.Create(CultureInfo.InvariantCulture, $"{run.Accepted} ({run.Retried}), {run.PushSeconds:0} / {run.Seconds:0}{(run.Processed ? string.Empty : " [red]not processed[/]")}"));
            }

            if (rss.Failure is { } failure)
            {
                table.AddRow("  [red]serve peak RSS failed[/]", Markup.Escape(failure));
            }
        }

        if (throughput)
        {
            table.AddRow("429s received", result.Throttled.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("peak RSS (MiB, whole process)", result.PeakRssMegabytes.ToString(CultureInfo.InvariantCulture));
        table.AddRow("complete", result.Complete ? "[green]yes[/]" : "[red]no[/]");
        table.AddRow("machine", Markup.Escape(result.Machine));
        console.Write(table);
    }

    /// <summary>(a, b): the orders, the ceiling, throughput against it and QBO requests against the minimum.</summary>
    private static void WriteThroughput(IAnsiConsole console, Table table, BenchResult result)
    {
        table.AddRow("orders", result.Orders.ToString(CultureInfo.InvariantCulture));
        if (result.Ceiling is { } ceiling)
        {
            table.AddRow("minimum batches (invoices / shipments) at 40/min", string.Create(CultureInfo.InvariantCulture, $"{ceiling.MinInvoiceBatches} / {ceiling.MinShipmentBatches}"));
            table.AddRow(
                "invoice ceiling, orders/min: best split / customers all in batches",
                string.Create(CultureInfo.InvariantCulture, $"{ceiling.OrdersPerMinuteCeiling:0} ({ceiling.CustomersOneByOneAtCeiling} customers one by one, {ceiling.QboRequestsAtCeiling} requests) / {ceiling.OrdersPerMinuteBatchOnly:0}"));
        }

        var table2 = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("fraction of vendor ceiling").RightAligned()).AddColumn(new TableColumn("ratio to minimum requests").RightAligned());
        var c = result.Ceiling;
        table2.AddRow(
            "orders/min to invoice created",
            result.OrdersPerMinuteToInvoice.ToString("0.0", CultureInfo.InvariantCulture),
            c is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{result.InvoiceFractionOfCeiling:0.000} of {c.OrdersPerMinuteCeiling:0}"),
            string.Empty);
        table2.AddRow(
            "shipments/min applied to invoices",
            result.ShipmentsPerMinuteApplied.ToString("0.0", CultureInfo.InvariantCulture),
            c is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{result.ShipmentFractionOfCeiling:0.000} of {c.ShipmentsPerMinuteCeiling:0}"),
            string.Empty);
        table2.AddRow(
            "QBO requests (per order)",
            string.Create(CultureInfo.InvariantCulture, $"{result.QboRequests} ({result.QboRequestsPerOrder:0.00})"),
            string.Empty,
            c is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{result.QboRequestsToMinimum:0.000} of {c.MinQboRequests}"));
        console.Write(table2);
        foreach (var (endpoint, count) in result.QboRequestsByEndpoint.OrderByDescending(e => e.Value))
        {
            table.AddRow("  " + Markup.Escape(endpoint), count.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("ShipStation requests", result.ShipStationRequests.ToString(CultureInfo.InvariantCulture));
    }
}
