using System.Diagnostics;
using System.Text;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Bench (c): each webhook route of the demo host, and its bench-only bare endpoint (<c>POST /api/bench/bare</c>, which only
/// answers 200) and bare endpoint that writes once (<see cref="BenchWriteOnceEndpoint"/>), driven open-loop at <see cref="RequestsPerSecond"/> validly signed or authenticated deliveries per second
/// for a fixed span, one route at a time (the two bare ones first), latency counted from each request's scheduled send time so a slow
/// answer also delays nothing. The deliveries are real work: distinct ORDER_NOTIFY batches, Track Alert statuses of unknown
/// packages and QBO PurchaseOrder events of the <c>qbo-ups</c> company, so dispatch and workflows run while later routes
/// are measured.
/// </summary>
internal sealed class AckLatencyBench(IAnsiConsole progress)
{
    public const int RequestsPerSecond = 200;

    public async Task<IReadOnlyList<AckLatency>> RunAsync(DemoSandbox sandbox, TimeSpan span, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var count = Math.Max(20, (int)(span.TotalSeconds * RequestsPerSecond));
        var bare = new Uri(sandbox.Host.BaseAddress, "api/bench/bare");
        var bareWrite = new Uri(sandbox.Host.BaseAddress, BenchWriteOnceEndpoint.Path.TrimStart('/'));
        var webhooks = sandbox.Webhooks;
        var run = Guid.NewGuid().ToString("N")[..6];

        // A UPS tracking number is 1Z + 16 capitals and digits (UpsTrackAlertPayload): BENCH + 5 of the run + 6 of the index.
        var upsRun = run[..5].ToUpperInvariant();
        (string Name, Func<int, HttpRequestMessage> Create)[] routes =
        [
            ("bare", _ => new HttpRequestMessage(HttpMethod.Post, bare)),
            ("bare-write", _ => new HttpRequestMessage(HttpMethod.Post, bareWrite)),
            ("shipstation", i => Json(webhooks.ShipStation, $$"""{"resource_url":"{{sandbox.ShipStation.BaseAddress}}orders?importBatch=bench-{{run}}-{{i}}","resource_type":"ORDER_NOTIFY"}""")),
            ("ups", i => Json(webhooks.UpsTrackAlert, $$$"""{"trackingNumber":"1ZBENCH{{{upsRun}}}{{{i:D6}}}","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""", ("x-api-key", DemoSandbox.UpsClientId))),
            ("qbo", i => Qbo(webhooks, sandbox.UpsRealmId, 9_000_000 + i)),
        ];

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(60) };
        var results = new List<AckLatency>();
        double bareP99 = 0, bareWriteP99 = 0;
        foreach (var (name, create) in routes)
        {
            progress.MarkupLine($"Ack latency: {count} requests to {name} at {RequestsPerSecond}/s");
            for (var i = 0; i < 10; i++)
            {
                using var warmUp = name.StartsWith("bare", StringComparison.Ordinal) ? create(i) : create(count + i);
                using var answered = await http.SendAsync(warmUp, cancellationToken);
            }

            var (latencies, failures) = await DriveAsync(http, create, count, cancellationToken);
            var p99 = Percentiles.Of(latencies, 0.99);
            bareP99 = name == "bare" ? p99 : bareP99;
            bareWriteP99 = name == "bare-write" ? p99 : bareWriteP99;
            var toBareWrite = name != "bare-write" && bareWriteP99 > 0 ? Math.Round(p99 / bareWriteP99, 2) : 0;
            results.Add(new AckLatency(name, count, failures, Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.95), p99, bareP99 > 0 ? Math.Round(p99 / bareP99, 2) : 0, toBareWrite));
            progress.MarkupLine($"  {name}: p50 {results[^1].P50Ms} ms, p95 {results[^1].P95Ms} ms, p99 {p99} ms, {failures} failed");
        }

        return results;
    }

    private static async Task<(List<double> Latencies, int Failures)> DriveAsync(HttpClient http, Func<int, HttpRequestMessage> create, int count, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / RequestsPerSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            sends.Add(SendAsync(i, due));
        }

        await Task.WhenAll(sends);
        return ([.. latencies.Order()], failures);

        async Task SendAsync(int index, TimeSpan due)
        {
            using var request = create(index);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
            }

            latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
        }
    }

    private static HttpRequestMessage Json(Uri url, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A legacy-format QBO delivery of one PurchaseOrder Create, signed as Intuit signs it (HMAC-SHA256 of the body with the verifier token).</summary>
    private static HttpRequestMessage Qbo(DemoWebhookTargets webhooks, string realmId, int purchaseOrderId)
    {
        var body = $$$"""{"eventNotifications":[{"realmId":"{{{realmId}}}","dataChangeEvent":{"entities":[{"name":"PurchaseOrder","id":"{{{purchaseOrderId}}}","operation":"Create","lastUpdated":"2026-12-06T00:00:00.000Z"}]}}]}""";
        var request = Json(webhooks.Qbo, body);
        request.Headers.TryAddWithoutValidation(QboWebhookSignature.HeaderName, QboWebhookSignature.Compute(webhooks.QboVerifierToken, Encoding.UTF8.GetBytes(body)));
        return request;
    }
}
