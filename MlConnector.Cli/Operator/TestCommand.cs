using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary><c>mlconnector test CONNECTION</c>: asks the host to ping the connection's real systems; exit 1 when a check fails, each with its fix.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var id = ConnectionsCommand.ConnectionArgument();
        var command = OperatorCommandOptions.Create("test", "Test a connection against its real systems: reachability, credentials, consent, rate-limit headroom, webhooks.");
        command.Arguments.Add(id);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var report = await c.Api.TestConnectionAsync(c.Parse.GetValue(id)!, ct);
            var ok = report.TryGetProperty("ok", out var flag) && flag.ValueKind == JsonValueKind.True;
            return c.Write(
                report,
                (console, r) =>
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("system", "check", "ok", "detail", "fix");
                    foreach (var check in r.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Array ? checks.EnumerateArray() : Enumerable.Empty<JsonElement>())
                    {
                        var passed = check.TryGetProperty("ok", out var p) && p.ValueKind == JsonValueKind.True;
                        table.AddRow(
                            new Text(JsonView.Text(check, "system")),
                            new Text(JsonView.Text(check, "check")),
                            new Markup(passed ? "[green]yes[/]" : "[red]no[/]"),
                            new Text(JsonView.Text(check, "detail")),
                            new Text(JsonView.Text(check, "fix")));
                    }

                    console.Write(table);
                    console.MarkupLine(ok ? "[green]All checks passed.[/]" : "[red]Some checks failed; see the fixes above.[/]");
                },
                ok ? 0 : OperatorCommandOptions.HostFailure);
        });
        return command;
    }
}
