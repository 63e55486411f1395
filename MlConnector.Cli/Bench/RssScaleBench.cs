using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Chaos;
using MlConnector.Cli.Delivery;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Operator;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Bench (e): whether the host's memory grows with the records it processes. A fresh <c>mlconnector serve</c> child process
/// (this executable) on storage of its own (<see cref="BenchChildStorage"/>: its own Azurite, holding copies of the demo's
/// connections and secrets), with its timers out of the way but admission's release of held work, takes N UPS Track Alert deliveries (sent at up to 200/s over
/// at most <see cref="MaxConnections"/> connections; a 503 or 429 is sent again after its Retry-After, so every one goes through; each is recorded, dispatched and run as one
/// tracking workflow); once its intake queue is empty and no workflow is held, pending or running, its peak RSS (VmHWM) is read
/// and it is stopped with its Azurite. A second fresh process does the same with 10×N. A run that fails, or gives up
/// waiting, says what it was waiting for in <see cref="RssScale.Failure"/>.
/// </summary>
internal sealed class RssScaleBench(IAnsiConsole progress)
{
    /// <summary>
    /// Connections the pushes share. Unbounded, a host slower than 200/s (a loaded machine) holds one open connection per
    /// waiting push, and its memory then measures the pile of connections (17,162 sockets and 600 MiB at 20,000 pushes on
    /// 2 cores at load 40, against 225 MiB at 2,000), not the records; bounded, the pushes wait in the bench instead.
    /// </summary>
    private const int MaxConnections = 64;

    private const long Mebibyte = 1024 * 1024;

    /// <summary>The wait for idle gives up when nothing moved (intake, pending and running workflows) for this long.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(5);

    /// <summary>The wait for idle gives up at this, moving or not.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(60);

    public async Task<RssScale> RunAsync(DemoSandbox sandbox, IConfiguration configuration, int records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(configuration);
        var (atN, failure) = await MeasureOrSayAsync(sandbox, configuration, records, cancellationToken);
        if (failure is not null)
        {
            return new RssScale(records, atN, null, failure);
        }

        var (atTenN, failureAtTenN) = await MeasureOrSayAsync(sandbox, configuration, records * 10, cancellationToken);
        return new RssScale(records, atN, atTenN, failureAtTenN);
    }

    private async Task<(RssRun? Run, string? Failure)> MeasureOrSayAsync(DemoSandbox sandbox, IConfiguration configuration, int records, CancellationToken cancellationToken)
    {
        try
        {
            var (run, waiting) = await MeasureAsync(sandbox, configuration, records, cancellationToken);
            var failure = run.Valid
                ? null
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"at {records} records: {run.Accepted} accepted, {(run.Processed ? "processed" : "not processed: " + waiting)}, {run.FailedWorkflows} workflows failed, {run.PoisonDeliveries} poison deliveries");
            if (failure is not null)
            {
                progress.MarkupLine($"[red]Peak RSS {Markup.Escape(failure)}[/]");
            }

            return (run, failure);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = $"at {records} records: {ex.GetType().Name}: {ex.Message}";
            progress.MarkupLine($"[red]Peak RSS failed {Markup.Escape(failure)}[/]");
            return (null, failure);
        }
    }

    private async Task<(RssRun Run, string Waiting)> MeasureAsync(DemoSandbox sandbox, IConfiguration configuration, int records, CancellationToken cancellationToken)
    {
        var run = "rss" + Guid.NewGuid().ToString("N")[..8];
        progress.MarkupLine($"Peak RSS: a fresh serve process on its own Azurite takes {records} Track Alert deliveries");
        var source = configuration[$"{StorageOptions.SectionName}:ConnectionString"]
            ?? throw new InvalidOperationException("The bench host has no Storage:ConnectionString to copy the connections from.");
        var prefix = configuration[$"{StorageOptions.SectionName}:TablePrefix"] is { Length: > 0 } configured ? configured : new StorageOptions().TablePrefix;
        var (storage, copied) = await BenchChildStorage.StartAsync(source, prefix, cancellationToken);
        await using var ownStorage = storage;
        var settings = Settings(configuration, run, storage.ConnectionString);
        await using var child = await ServeProcess.StartAsync(LoopbackPort.FindFree(), settings, TimeSpan.FromMinutes(3));
        progress.MarkupLine($"  serve pid {child.Id} on its own Azurite ({copied} connection, secret and token rows copied)");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxConnections }) { BaseAddress = child.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var api = new OperatorApiClient(child.BaseAddress, new OperatorCredential(child.OperatorToken, null));
        using var sampler = new CancellationTokenSource();
        var sampling = SampleAsync(child, sampler.Token);

        var callback = new Uri(child.BaseAddress, sandbox.Webhooks.UpsTrackAlert.PathAndQuery);
        var sends = new List<Task<DeliveryOutcome>>(records);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)AckLatencyBench.RequestsPerSecond);
            if (due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var trackingNumber = $"1Z{run[3..].ToUpperInvariant()}{i:D8}";
            sends.Add(BenchDelivery.SendAsync(http, () => Push(callback, trackingNumber), TimeProvider.System, cancellationToken));
        }

        var outcomes = await Task.WhenAll(sends);
        var pushSeconds = clock.Elapsed.TotalSeconds;
        var (accepted, retried, resends) = (outcomes.Count(o => o.Accepted), outcomes.Count(o => o.Retries > 0), outcomes.Sum(o => o.Retries));
        progress.MarkupLine($"  {accepted}/{records} accepted in {pushSeconds:0} s ({retried} retried, {resends} resends); waiting until processed");

        var (processed, waiting) = await WaitUntilIdleAsync(api, clock, cancellationToken);
        var failed = (await api.ListWorkflowsAsync("Failed", DemoSandbox.QboUpsConnectionId, cancellationToken: cancellationToken)).Instances.GetArrayLength();
        var poison = (await api.GetIntakeAsync(cancellationToken)).GetProperty("poison").GetInt32();
        await sampler.CancelAsync();
        var highestSampled = await sampling;
        var peak = child.PeakWorkingSetBytes / Mebibyte;
        var end = child.WorkingSetBytes / Mebibyte;
        progress.MarkupLine(
            $"  {records} records: peak RSS {peak} MiB (highest sampled {highestSampled / Mebibyte} MiB, {end} MiB at the end) after {clock.Elapsed.TotalSeconds:0} s; {failed} failed, {poison} poison");
        return (new RssRun(records, peak, end, accepted, retried, resends, processed, failed, poison, Math.Round(pushSeconds, 1), Math.Round(clock.Elapsed.TotalSeconds, 1)), waiting);
    }

    /// <summary>One Track Alert status update for <paramref name="trackingNumber"/>, as the UPS simulator pushes it.</summary>
    private static HttpRequestMessage Push(Uri callback, string trackingNumber)
    {
        var body = $$$"""{"trackingNumber":"{{{trackingNumber}}}","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";
        var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-api-key", DemoSandbox.UpsClientId);
        return request;
    }

    /// <summary>
    /// Waits until the child's intake queue is empty, the connection holds no workflow start beyond its admission bound
    /// (<c>heldWork</c> of its health: a burst's starts past the bound wait there, neither pending nor running), and none
    /// of its workflows is pending or running, twice in a row; gives up after <see cref="StallLimit"/> without progress or
    /// at <see cref="Limit"/>, saying what it last saw.
    /// </summary>
    private async Task<(bool Idle, string Waiting)> WaitUntilIdleAsync(OperatorApiClient api, Stopwatch clock, CancellationToken cancellationToken)
    {
        var (quiet, last, lastChange, lastReport, waiting) = (0, -1, clock.Elapsed, clock.Elapsed, string.Empty);
        while (clock.Elapsed < Limit && clock.Elapsed - lastChange < StallLimit)
        {
            var intake = (await api.GetIntakeAsync(cancellationToken)).GetProperty("pending").GetInt32();
            var pending = (await api.ListWorkflowsAsync("Pending", DemoSandbox.QboUpsConnectionId, cancellationToken: cancellationToken)).Instances.GetArrayLength();
            var running = (await api.ListWorkflowsAsync("Running", DemoSandbox.QboUpsConnectionId, cancellationToken: cancellationToken)).Instances.GetArrayLength();
            var held = (await api.HealthAsync(DemoSandbox.QboUpsConnectionId, cancellationToken)).GetProperty("heldWork").GetInt32();
            waiting = $"{intake} deliveries in the intake, {held} workflow starts held by admission, {pending} workflows pending, {running} running after {clock.Elapsed.TotalSeconds:0} s";
            var outstanding = intake + held + pending + running;
            quiet = outstanding == 0 ? quiet + 1 : 0;
            if (quiet >= 2)
            {
                return (true, string.Empty);
            }

            if (outstanding != last)
            {
                (last, lastChange) = (outstanding, clock.Elapsed);
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                progress.MarkupLine($"  {Markup.Escape(waiting)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        return (false, waiting);
    }

    /// <summary>Reads the child's resident set (VmRSS) once a second until cancelled; returns the highest figure read, bytes.</summary>
    private static async Task<long> SampleAsync(ServeProcess child, CancellationToken cancellationToken)
    {
        var highest = 0L;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                highest = Math.Max(highest, child.WorkingSetBytes);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Sampling ends with the run.
        }

        return highest;
    }

    /// <summary>
    /// The demo host's secrets, OAuth and connector settings on the child's own storage; its own task hub and intake queue;
    /// its timers once a year, except the release of held work (<see cref="HeldWorkReleaseJob"/>): that is the pump of
    /// admission, which starts a burst's workflows beyond the connection's running bound, so the records are processed only
    /// with it (once a year, half of 2,000 deliveries stayed held and the child never went idle).
    /// </summary>
    internal static Dictionary<string, string?> Settings(IConfiguration configuration, string run, string storage)
    {
        var settings = ServeProcess.SettingsOf(configuration);
        var pump = "Schedules:" + HeldWorkReleaseJob.JobName;
        foreach (var (key, _) in configuration.AsEnumerable().Where(kv => kv.Value is not null && kv.Key.StartsWith("Schedules:", StringComparison.OrdinalIgnoreCase) && !kv.Key.Equals(pump, StringComparison.OrdinalIgnoreCase)))
        {
            settings[key] = "0 0 0 1 1 *";
        }

        settings[$"{StorageOptions.SectionName}:ConnectionString"] = storage;
        settings["Workflows:TaskHubName"] = run;
        settings["Intake:QueueName"] = run + "-intake";
        return settings;
    }
}
