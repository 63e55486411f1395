using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Demo;
using MlConnector.Core.Storage;
using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Bench (e): whether the host's memory grows with the records it processes. A fresh <c>mlconnector serve</c> child process
/// (this executable) on the demo's storage and secrets, with its own task hub and intake queue and its timers out of the
/// way, takes N UPS Track Alert deliveries (sent at up to 200/s; each is recorded, dispatched and run as one tracking
/// workflow); once its queue is empty and no workflow is pending or running, its peak RSS (VmHWM) is read and it is
/// killed. A second fresh process does the same with 10×N.
/// </summary>
internal sealed class RssScaleBench(IAnsiConsole progress)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public async Task<RssScale> RunAsync(DemoSandbox sandbox, IConfiguration configuration, int records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var atN = await MeasureAsync(sandbox, configuration, records, cancellationToken);
        var atTenN = await MeasureAsync(sandbox, configuration, records * 10, cancellationToken);
        return new RssScale(records, atN, atTenN, atN > 0 ? Math.Round((double)atTenN / atN, 2) : 0);
    }

    private async Task<long> MeasureAsync(DemoSandbox sandbox, IConfiguration configuration, int records, CancellationToken cancellationToken)
    {
        var run = "rss" + Guid.NewGuid().ToString("N")[..8];
        var port = LoopbackPort.FindFree();
        progress.MarkupLine($"Peak RSS: a fresh serve process takes {records} Track Alert deliveries");
        using var child = Start(port, Settings(configuration, run));
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await WaitUntilAnsweringAsync(http, child, cancellationToken);
            var callback = new Uri(baseAddress, sandbox.Webhooks.UpsTrackAlert.PathAndQuery);
            var sends = new List<Task<bool>>(records);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < records; i++)
            {
                var due = TimeSpan.FromSeconds(i / (double)AckLatencyBench.RequestsPerSecond);
                if (due - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                sends.Add(PushAsync(http, callback, $"1ZRSS{run[3..]}{i:D7}", cancellationToken));
            }

            var failures = (await Task.WhenAll(sends)).Count(ok => !ok);
            var deadline = clock.Elapsed + Limit;
            while (clock.Elapsed < deadline && !await IdleAsync(http, cancellationToken))
            {
                await Task.Delay(500, cancellationToken);
            }

            child.Refresh();
            var peak = child.PeakWorkingSet64 / (1024 * 1024);
            progress.MarkupLine($"  {records} records ({failures} not accepted): peak RSS {peak} MiB after {clock.Elapsed.TotalSeconds:0} s");
            return peak;
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>Pushes one status; false when it was not accepted (answered otherwise, or not at all).</summary>
    private static async Task<bool> PushAsync(HttpClient http, Uri callback, string trackingNumber, CancellationToken cancellationToken)
    {
        var body = $$$"""{"trackingNumber":"{{{trackingNumber}}}","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-api-key", DemoSandbox.UpsClientId);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>True when the child's intake queue is empty and none of its workflows is pending or running.</summary>
    private static async Task<bool> IdleAsync(HttpClient http, CancellationToken cancellationToken)
    {
        foreach (var status in new[] { "Pending", "Running" })
        {
            using var list = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/workflows?status={status}&connectionId={DemoSandbox.QboUpsConnectionId}", UriKind.Relative), cancellationToken));
            if (list.RootElement.GetArrayLength() > 0)
            {
                return false;
            }
        }

        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/intake", UriKind.Relative), cancellationToken));
        return health.RootElement.GetProperty("pending").GetInt32() == 0;
    }

    /// <summary>The demo host's storage, secrets, OAuth and connector settings; a task hub and intake queue of its own; its timers once a year.</summary>
    private static Dictionary<string, string?> Settings(IConfiguration configuration, string run)
    {
        string[] sections = ["Storage", "Secrets", "OAuth", "Connectors", "QboEvents", "Schedules"];
        var settings = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && sections.Any(s => kv.Key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("Schedules:", StringComparison.OrdinalIgnoreCase) ? "0 0 0 1 1 *" : kv.Value);
        settings["Workflows:TaskHubName"] = run;
        settings["Intake:QueueName"] = run + "-intake";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    /// <summary>Starts this executable's <c>serve</c> command (through <c>dotnet</c> when this process runs that way).</summary>
    private static Process Start(int port, Dictionary<string, string?> settings)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (viaDotnet)
        {
            start.ArgumentList.Add(typeof(RssScaleBench).Assembly.Location);
        }

        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment["MLCONNECTOR_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("mlconnector serve did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient http, Process child, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"The bench's serve process exited with {child.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }

        throw new TimeoutException("The bench's serve process did not answer within a minute.");
    }
}
