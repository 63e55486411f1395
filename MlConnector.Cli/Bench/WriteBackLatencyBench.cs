using System.Collections.Concurrent;
using System.Diagnostics;
using MlConnector.Cli.Demo;
using MlConnector.Sandbox.ShipStation;
using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Bench (d): event → write-back. With the QBO and ShipStation simulators holding every answer for
/// <see cref="VendorLatency"/>, one order at a time is delivered (ORDER_NOTIFY, one order per delivery, paced at one every
/// <see cref="Pace"/> to stay inside ShipStation's 40 requests/min) and timed from just before the delivery to the moment
/// its invoice is seen in the QBO simulator (polled every 10 ms).
/// </summary>
internal sealed class WriteBackLatencyBench(IAnsiConsole progress)
{
    public static readonly TimeSpan VendorLatency = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public async Task<WriteBackLatency> RunAsync(DemoSandbox sandbox, int events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var (shipStation, qbo, realm) = (sandbox.ShipStation, sandbox.Qbo, sandbox.RealmId);
        var orders = DemoOrderGenerator.Generate(events, badOrderIndex: -1, TimeProvider.System.GetUtcNow().AddHours(-1))
            .Select((o, i) => o with { OrderNumber = (90001 + i).ToString(CultureInfo.InvariantCulture) })
            .ToList();
        progress.MarkupLine($"Event → write-back: {events} orders, one every {Pace.TotalSeconds:0} s, vendors answering after {VendorLatency.TotalMilliseconds:0} ms");
        qbo.ResponseLatency = shipStation.ResponseLatency = VendorLatency;
        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var seen = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchAsync(stop.Token);
        try
        {
            foreach (var order in orders)
            {
                var added = shipStation.AddOrders([DemoRunner.ToDraft(order)]);
                sent[order.OrderNumber] = clock.Elapsed;
                await shipStation.NotifyOrdersAsync(added, ShipStationWebhookDelivery.Once, cancellationToken);
                await Task.Delay(Pace, cancellationToken);
            }

            var deadline = clock.Elapsed + Limit;
            while (seen.Count < orders.Count && clock.Elapsed < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
            qbo.ResponseLatency = shipStation.ResponseLatency = TimeSpan.Zero;
        }

        var latencies = seen.Select(s => (s.Value - sent[s.Key]).TotalMilliseconds).Order().ToList();
        var result = new WriteBackLatency(events, latencies.Count, (int)VendorLatency.TotalMilliseconds, Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.95), Percentiles.Of(latencies, 1.0));
        progress.MarkupLine($"  {result.Completed}/{events} written back: p50 {result.P50Ms} ms, p95 {result.P95Ms} ms, max {result.MaxMs} ms");
        return result;

        async Task WatchAsync(CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                foreach (var invoice in qbo.GetEntities(realm, "Invoice"))
                {
                    if ((string?)invoice["DocNumber"] is { } number && sent.ContainsKey(number))
                    {
                        seen.TryAdd(number, clock.Elapsed);
                    }
                }

                try
                {
                    await Task.Delay(10, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
