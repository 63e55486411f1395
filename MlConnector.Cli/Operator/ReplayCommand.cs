using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>
/// <c>mlconnector replay ID… | --all-failed [--connection] [--kind]</c>: replays failures after their cause is fixed, each
/// once (the host ignores a second request for the same failure), with progress; exit 1 when any could not be replayed.
/// </summary>
internal static class ReplayCommand
{
    private const int BatchSize = 20;

    public static Command Create()
    {
        var ids = new Argument<string[]>("id") { Description = "Failure ids (failed workflow instance ids).", Arity = ArgumentArity.ZeroOrMore };
        var allFailed = new Option<bool>("--all-failed") { Description = "Replay every open failure (of --connection and --kind when given)." };
        var connection = new Option<string?>("--connection") { Description = "With --all-failed: only this connection's failures." };
        var kind = new Option<string?>("--kind") { Description = "With --all-failed: only this error kind." };
        var command = OperatorCommandOptions.Create("replay", "Replay failures after their cause is fixed, each exactly once.");
        command.Arguments.Add(ids);
        command.Options.Add(allFailed);
        command.Options.Add(connection);
        command.Options.Add(kind);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var chosen = c.Parse.GetValue(ids) ?? [];
            var all = c.Parse.GetValue(allFailed);
            if (all == (chosen.Length > 0))
            {
                throw new OperatorUsageException("Name the failures to replay, or --all-failed (not both).");
            }

            if (!all && (c.Parse.GetValue(connection) is not null || c.Parse.GetValue(kind) is not null))
            {
                throw new OperatorUsageException("--connection and --kind go with --all-failed.");
            }

            var results = new List<JsonElement>();
            if (all)
            {
                var answer = await c.Error.Status().StartAsync("Replaying every open failure…", _ => c.Api.ReplayAllFailedAsync(c.Parse.GetValue(connection), c.Parse.GetValue(kind), ct));
                results.AddRange(Results(answer));
            }
            else
            {
                var distinct = chosen.Distinct(StringComparer.Ordinal).ToList();
                await c.Error.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Replaying", maxValue: distinct.Count);
                    foreach (var batch in distinct.Chunk(BatchSize))
                    {
                        results.AddRange(Results(await c.Api.ReplayFailuresAsync(batch, ct)));
                        task.Increment(batch.Length);
                    }
                });
            }

            var failed = results.Count(r => JsonView.Text(r, "outcome") is "failed" or "notFound" or "not-found" or "error");
            var document = JsonDocument.Parse(JsonSerializer.Serialize(new { results })).RootElement;
            return c.Write(
                document,
                (console, _) =>
                {
                    console.Write(JsonView.Table(document.GetProperty("results"), "id", "outcome", "replayInstanceId", "detail"));
                    console.MarkupLineInterpolated($"{results.Count} failure(s) handled, {failed} not replayed.");
                },
                failed == 0 ? 0 : OperatorCommandOptions.HostFailure);
        });
        return command;
    }

    private static List<JsonElement> Results(JsonElement answer) =>
        answer.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array ? [.. results.EnumerateArray()] : [];
}
