using System.CommandLine;

namespace MlConnector.Cli.Backfill;

/// <summary>
/// `mlconnector backfill CONNECTION --since DATE [--url URL] [--json]`: asks a running host (`mlconnector serve` or the
/// Functions app) to sync the connection's ShipStation orders modified since DATE into QBO through the batched path, then
/// follows its progress on stderr until it completes or fails. The backfill runs in the host as a durable workflow, so
/// killing this command (or the host) loses nothing: run the command again to follow, or to resume, the same backfill.
/// </summary>
internal static class BackfillCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var connection = new Argument<string>("connection") { Description = "The ShipStation → QBO connection id." };
        var since = new Option<string>("--since") { Description = "Sync orders modified since this ISO 8601 date or time (UTC when no offset).", Required = true };
        var url = new Option<string>("--url")
        {
            Description = "The host's base URL (the standalone host answers operator routes on loopback only).",
            DefaultValueFactory = _ => "http://127.0.0.1:7071/",
        };
        var json = new Option<bool>("--json") { Description = "Print the final progress as JSON on stdout (progress lines go to stderr)." };
        var command = new Command("backfill", "Sync historical ShipStation orders into QuickBooks Online through the batched path, resumably.");
        command.Arguments.Add(connection);
        command.Options.Add(since);
        command.Options.Add(url);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DateTimeOffset.TryParse(parse.GetValue(since), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sinceUtc))
            {
                await Console.Error.WriteLineAsync("--since must be an ISO 8601 date or time, for example 2026-01-01.");
                return 2;
            }

            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!, UriKind.Absolute) };
            var client = new BackfillOperatorClient(http);
            var id = parse.GetValue(connection)!;
            var started = await client.StartAsync(id, sinceUtc, cancellationToken);
            await Console.Error.WriteLineAsync($"Backfill {started.GetProperty("instanceId").GetString()} of {id} since {sinceUtc:o}{(started.GetProperty("duplicate").GetBoolean() ? " (already started; following it)" : string.Empty)}");
            while (true)
            {
                var state = await client.GetAsync(id, cancellationToken);
                var progress = state.GetProperty("progress");
                var status = state.TryGetProperty("runtimeStatus", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : "Pending";
                await Console.Error.WriteLineAsync(
                    $"{status}: page {progress.GetProperty("pagesDone").GetInt32()} of {progress.GetProperty("pages").GetInt32()}, {progress.GetProperty("orders").GetInt32()} orders read, "
                    + $"{progress.GetProperty("started").GetInt32()} sent to QBO, {progress.GetProperty("duplicates").GetInt32()} already invoiced or on their way");
                if (status is "Completed" or "Failed" or "Terminated")
                {
                    if (parse.GetValue(json))
                    {
                        await Console.Out.WriteLineAsync(state.GetRawText());
                    }

                    if (status != "Completed" && state.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.String)
                    {
                        await Console.Error.WriteLineAsync("The backfill failed: " + failure.GetString());
                    }

                    return status == "Completed" ? 0 : 1;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        });
        return command;
    }
}
