using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary><c>mlconnector failures list [--connection] [--kind] [--since]</c> and <c>failures dismiss ID --reason</c>.</summary>
internal static class FailuresCommand
{
    public static Command Create()
    {
        var command = new Command("failures", "The failure queue: what failed, what to fix and who fixes it.");
        var connection = new Option<string?>("--connection") { Description = "Only this connection's failures." };
        var kind = new Option<string?>("--kind") { Description = "Only this error kind (for example Validation, Auth)." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only failures since this time (ISO 8601)." };
        var list = OperatorCommandOptions.Create("list", "List open failures.");
        list.Options.Add(connection);
        list.Options.Add(kind);
        list.Options.Add(since);
        OperatorCommandOptions.SetAction(list, async (c, ct) =>
            c.Write(
                await c.Api.ListFailuresAsync(c.Parse.GetValue(connection), c.Parse.GetValue(kind), c.Parse.GetValue(since), ct),
                (console, answer) => console.Write(JsonView.Table(answer.TryGetProperty("failures", out var f) ? f : answer, "id", "connectionId", "businessKey", "failedAt", "errorKind", "whoFixes", "whatToFix"))));

        var id = new Argument<string>("id") { Description = "The failure id (the failed workflow instance id)." };
        var reason = new Option<string>("--reason") { Description = "Why it needs no replay (audited).", Required = true };
        var dismiss = OperatorCommandOptions.Create("dismiss", "Dismiss a failure that needs no replay.");
        dismiss.Arguments.Add(id);
        dismiss.Options.Add(reason);
        OperatorCommandOptions.SetAction(dismiss, async (c, ct) =>
            c.Done(await c.Api.DismissFailureAsync(c.Parse.GetValue(id)!, c.Parse.GetValue(reason)!, ct), $"Dismissed [bold]{Markup.Escape(c.Parse.GetValue(id)!)}[/]."));

        command.Subcommands.Add(list);
        command.Subcommands.Add(dismiss);
        return command;
    }
}
