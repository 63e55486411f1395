using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>
/// <c>mlconnector backfill CONNECTION --since DATE</c>: asks the host (<c>mlconnector serve</c> or the Functions app) to sync
/// the connection's ShipStation orders modified since DATE into QBO through the batched path, then follows its progress on
/// stderr until it completes or fails. The backfill runs in the host as a durable workflow, so killing this command (or the
/// host) loses nothing: run it again to follow, or to resume, the same backfill. Exit 0 when completed, 1 when it failed.
/// </summary>
internal static class BackfillCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var connection = ConnectionsCommand.ConnectionArgument();
        var since = new Option<string>("--since") { Description = "Sync orders modified since this ISO 8601 date or time (UTC when no offset).", Required = true };
        var command = OperatorCommandOptions.Create("backfill", "Sync historical ShipStation orders into QuickBooks Online through the batched path, resumably.");
        command.Arguments.Add(connection);
        command.Options.Add(since);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            if (!DateTimeOffset.TryParse(c.Parse.GetValue(since), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sinceUtc))
            {
                throw new OperatorUsageException("--since must be an ISO 8601 date or time, for example 2026-01-01.");
            }

            var id = c.Parse.GetValue(connection)!;
            var started = await c.Api.StartBackfillAsync(id, sinceUtc, ct);
            c.Error.WriteLine($"Backfill {JsonView.Text(started, "instanceId")} of {id} since {sinceUtc:o}{(started.TryGetProperty("duplicate", out var d) && d.ValueKind == JsonValueKind.True ? " (already started; following it)" : string.Empty)}");
            while (true)
            {
                var state = await c.Api.GetBackfillAsync(id, ct);
                var progress = state.GetProperty("progress");
                var status = state.TryGetProperty("runtimeStatus", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : "Pending";
                c.Error.WriteLine(
                    $"{status}: page {progress.GetProperty("pagesDone").GetInt32()} of {progress.GetProperty("pages").GetInt32()}, {progress.GetProperty("orders").GetInt32()} orders read, "
                    + $"{progress.GetProperty("started").GetInt32()} sent to QBO, {progress.GetProperty("duplicates").GetInt32()} already invoiced or on their way");
                if (status is "Completed" or "Failed" or "Terminated")
                {
                    var failure = state.TryGetProperty("failure", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                    return c.Write(
                        state,
                        (console, _) => console.WriteLine(status == "Completed" ? "The backfill completed." : "The backfill failed: " + failure),
                        status == "Completed" ? 0 : OperatorCommandOptions.HostFailure);
                }

                await Task.Delay(PollInterval, ct);
            }
        });
        return command;
    }
}
