using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Sandbox.ShipStation;
using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Pushes N orders through ShipStation → QBO on the demo sandbox (simulators with the vendors' limits, the standalone host
/// and its workflow engine) and times two phases from the vendors' side: ORDER_NOTIFY → every invoice in QBO, then
/// SHIP_NOTIFY → every invoice carrying its tracking number. Buyers repeat and share names, as in the demo. Then the
/// intake's figures: (d) event → write-back with 50 ms vendor latency, (c) webhook ack latency per route next to the
/// bench-only bare endpoint, (e) a fresh serve process's peak RSS at N and 10×N records.
/// </summary>
internal sealed class BenchRunner(IAnsiConsole progress)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    /// <summary>Orders (and shipments) per webhook delivery: one ShipStation list page at its default size.</summary>
    private const int PageSize = 100;

    /// <summary>Orders delivered one at a time for (d).</summary>
    private const int WriteBackEvents = 20;

    /// <summary>Runs the bench.</summary>
    /// <param name="orderCount">N: orders through ShipStation → QBO.</param>
    /// <param name="ackSpan">How long each route is driven for (c).</param>
    /// <param name="rssRecords">N for (e).</param>
    /// <param name="phases">The phases to run (<see cref="BenchPhases"/>), each on its own; the others are left out of the result.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<BenchResult> RunAsync(int orderCount, TimeSpan ackSpan, int rssRecords, IReadOnlyList<string> phases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phases);
        await using var sandbox = await DemoSandbox.StartAsync(
            step => progress.MarkupLine(Markup.Escape(step)),
            cancellationToken,
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StandaloneHost.BenchBareEndpointSetting] = "true" }));
        var result = phases.Contains(BenchPhases.Throughput)
            ? await RunThroughputAsync(sandbox, orderCount, cancellationToken)
            : new BenchResult(0, true, 0, 0, 0, 0, 0, 0, new Dictionary<string, int>(), 0, 0, 0, string.Empty);
        var writeBack = phases.Contains(BenchPhases.WriteBack) ? await new WriteBackLatencyBench(progress).RunAsync(sandbox, WriteBackEvents, cancellationToken) : null;
        var acks = phases.Contains(BenchPhases.Ack) ? await new AckLatencyBench(progress).RunAsync(sandbox, ackSpan, cancellationToken) : [];
        var rss = phases.Contains(BenchPhases.Rss) ? await new RssScaleBench(progress).RunAsync(sandbox, sandbox.Host.Services.GetRequiredService<IConfiguration>(), rssRecords, cancellationToken) : null;
        return result with
        {
            Complete = result.Complete && (writeBack is null || writeBack.Completed == writeBack.Events) && (rss is null || rss.Valid),
            PeakRssMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
            Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            Phases = phases,
            AckLatency = acks,
            WriteBack = writeBack,
            Rss = rss,
        };
    }

    /// <summary>(a, b, f): N orders through ShipStation → QBO, invoiced and then shipped, counted from the vendors' side.</summary>
    private async Task<BenchResult> RunThroughputAsync(DemoSandbox sandbox, int orderCount, CancellationToken cancellationToken)
    {
        var (shipStation, qbo, realm) = (sandbox.ShipStation, sandbox.Qbo, sandbox.RealmId);
        var qboBefore = qbo.GetRequests().Count;
        var shipStationBefore = shipStation.GetRequests().Count;
        var throttledBefore = qbo.ThrottledCount;
        var drafts = DemoOrderGenerator.Generate(orderCount, badOrderIndex: -1, TimeProvider.System.GetUtcNow().AddHours(-6));

        progress.MarkupLine($"Delivering {orderCount} orders (ORDER_NOTIFY, 100 per delivery)");
        var clock = Stopwatch.StartNew();
        foreach (var batch in drafts.Chunk(PageSize))
        {
            await shipStation.NotifyOrdersAsync(shipStation.AddOrders(batch.Select(DemoRunner.ToDraft)), ShipStationWebhookDelivery.Once, cancellationToken);
        }

        var invoiced = await WaitAsync("invoices created", () => qbo.GetEntities(realm, "Invoice").Count, orderCount, clock, cancellationToken);
        var toInvoices = clock.Elapsed;

        progress.MarkupLine($"Shipping {orderCount} orders (SHIP_NOTIFY, 100 per delivery)");
        var shipments = drafts.Select(o => shipStation.ShipOrder(o.OrderNumber, "ups", "ups_ground", "1Z999AA1" + o.OrderNumber.PadLeft(10, '0'), 8.25m)).ToList();
        clock.Restart();
        foreach (var batch in shipments.Chunk(PageSize))
        {
            await shipStation.NotifyShipmentsAsync(batch, ShipStationWebhookDelivery.Once, cancellationToken);
        }

        var applied = await WaitAsync(
            "shipments applied",
            () => qbo.GetEntities(realm, "Invoice").Count(i => i["TrackingNum"] is not null),
            orderCount,
            clock,
            cancellationToken);
        var toShipments = clock.Elapsed;

        var qboRequests = qbo.GetRequests().Skip(qboBefore).ToList();
        var byEndpoint = qboRequests
            .GroupBy(r => r.Statement is { } statement ? "query " + QueriedEntity(statement) : $"{r.Method} {r.Path.Split('/').Last(s => s.Length > 0 && !s.All(char.IsAsciiDigit))}")
            .ToDictionary(g => g.Key, g => g.Count());
        var shipStationRequests = shipStation.GetRequests().Skip(shipStationBefore).ToList();

        return new BenchResult(
            orderCount,
            invoiced && applied,
            Math.Round(toInvoices.TotalSeconds, 1),
            Math.Round(orderCount / toInvoices.TotalMinutes, 1),
            Math.Round(toShipments.TotalSeconds, 1),
            Math.Round(orderCount / toShipments.TotalMinutes, 1),
            qboRequests.Count,
            Math.Round((double)qboRequests.Count / orderCount, 2),
            byEndpoint,
            shipStationRequests.Count,
            qbo.ThrottledCount - throttledBefore + shipStationRequests.Count(r => r.StatusCode == 429),
            0,
            string.Empty)
        {
            Ceiling = BenchCeiling.For(drafts, PageSize, sandbox.Host.Services.GetRequiredService<IOptions<QuickBooksOnlineOptions>>().Value.BatchMaxItems),
        };
    }

    private static string QueriedEntity(string statement)
    {
        var words = statement.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var from = Array.FindIndex(words, w => w.Equals("from", StringComparison.OrdinalIgnoreCase));
        return from >= 0 && from + 1 < words.Length ? words[from + 1] : "?";
    }

    private async Task<bool> WaitAsync(string what, Func<int> count, int target, Stopwatch clock, CancellationToken cancellationToken)
    {
        var lastReport = TimeSpan.Zero;
        while (clock.Elapsed < Limit)
        {
            var done = count();
            if (done >= target)
            {
                progress.MarkupLine($"{what}: {done}/{target} in {clock.Elapsed.TotalSeconds:0.0} s");
                return true;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                progress.MarkupLine($"{what}: {done}/{target} after {clock.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(250, cancellationToken);
        }

        progress.MarkupLine($"[red]{what}: gave up after {Limit.TotalMinutes:0} minutes at {count()}/{target}[/]");
        return false;
    }
}
