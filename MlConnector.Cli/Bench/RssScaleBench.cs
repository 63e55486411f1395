using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Chaos;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Operator;
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
        var (atN, refusedAtN) = await MeasureAsync(sandbox, configuration, records, cancellationToken);
        var (atTenN, refusedAtTenN) = await MeasureAsync(sandbox, configuration, records * 10, cancellationToken);
        return new RssScale(records, atN, atTenN, atN > 0 ? Math.Round((double)atTenN / atN, 2) : 0, refusedAtN, refusedAtTenN);
    }

    private async Task<(long PeakMegabytes, int NotAccepted)> MeasureAsync(DemoSandbox sandbox, IConfiguration configuration, int records, CancellationToken cancellationToken)
    {
        var run = "rss" + Guid.NewGuid().ToString("N")[..8];
        progress.MarkupLine($"Peak RSS: a fresh serve process takes {records} Track Alert deliveries");
        await using var child = await ServeProcess.StartAsync(LoopbackPort.FindFree(), Settings(configuration, run));
        using var http = new HttpClient { BaseAddress = child.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var api = new OperatorApiClient(child.BaseAddress, new OperatorCredential(child.OperatorToken, null));
        var callback = new Uri(child.BaseAddress, sandbox.Webhooks.UpsTrackAlert.PathAndQuery);
        var sends = new List<Task<bool>>(records);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)AckLatencyBench.RequestsPerSecond);
            if (due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            sends.Add(PushAsync(http, callback, $"1Z{run[3..].ToUpperInvariant()}{i:D8}", cancellationToken));
        }

        var failures = (await Task.WhenAll(sends)).Count(ok => !ok);
        var deadline = clock.Elapsed + Limit;
        while (clock.Elapsed < deadline && !await IdleAsync(api, cancellationToken))
        {
            await Task.Delay(500, cancellationToken);
        }

        var peak = child.PeakWorkingSetBytes / (1024 * 1024);
        progress.MarkupLine($"  {records} records ({failures} not accepted): peak RSS {peak} MiB after {clock.Elapsed.TotalSeconds:0} s");
        return (peak, failures);
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
    private static async Task<bool> IdleAsync(OperatorApiClient api, CancellationToken cancellationToken)
    {
        foreach (var status in new[] { "Pending", "Running" })
        {
            if ((await api.ListWorkflowsAsync(status, DemoSandbox.QboUpsConnectionId, cancellationToken)).GetArrayLength() > 0)
            {
                return false;
            }
        }

        return (await api.GetIntakeAsync(cancellationToken)).GetProperty("pending").GetInt32() == 0;
    }

    /// <summary>The demo host's storage, secrets, OAuth and connector settings; a task hub and intake queue of its own; its timers once a year.</summary>
    private static Dictionary<string, string?> Settings(IConfiguration configuration, string run)
    {
        var settings = ServeProcess.SettingsOf(configuration);
        foreach (var (key, _) in configuration.AsEnumerable().Where(kv => kv.Value is not null && kv.Key.StartsWith("Schedules:", StringComparison.OrdinalIgnoreCase)))
        {
            settings[key] = "0 0 0 1 1 *";
        }

        settings["Workflows:TaskHubName"] = run;
        settings["Intake:QueueName"] = run + "-intake";
        return settings;
    }
}
