using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary><c>mlconnector connections list|show|create|update|pause|resume|delete</c>.</summary>
internal static class ConnectionsCommand
{
    public static Command Create()
    {
        var command = new Command("connections", "Create, read, change, pause, resume and delete connections on a running host.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(CreateFromFile());
        command.Subcommands.Add(Update());
        command.Subcommands.Add(Pause());
        command.Subcommands.Add(Resume());
        command.Subcommands.Add(Delete());
        return command;
    }

    internal static Argument<string> ConnectionArgument() => new("connection") { Description = "The connection id." };

    private static Command List()
    {
        var kind = new Option<string?>("--kind") { Description = "Only connections of this integration kind (for example shipstation-qbo)." };
        var command = OperatorCommandOptions.Create("list", "List the connections.");
        command.Options.Add(kind);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
            c.Write(await c.Api.ListConnectionsAsync(c.Parse.GetValue(kind), ct), (console, list) =>
                console.Write(JsonView.Table(list, "id", "kind", "displayName", "paused", "pausedReason", "updatedUtc"))));
        return command;
    }

    private static Command Show()
    {
        var id = ConnectionArgument();
        var command = OperatorCommandOptions.Create("show", "Show one connection.");
        command.Arguments.Add(id);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
            c.Write(await c.Api.GetConnectionAsync(c.Parse.GetValue(id)!, ct), (console, connection) => console.Write(JsonView.Tree(JsonView.Text(connection, "id"), connection))));
        return command;
    }

    private static Option<string> FileOption() => new("--file", "-f")
    {
        Description = "The connection document, JSON or YAML (samples: docs/connections/).",
        Required = true,
    };

    private static Command CreateFromFile()
    {
        var file = FileOption();
        var command = OperatorCommandOptions.Create("create", "Create a connection from a JSON or YAML file; the host names every invalid field.");
        command.Options.Add(file);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var document = await ConnectionFile.ReadAsync(c.Parse.GetValue(file)!, ct);
            var created = await c.Api.CreateConnectionAsync(document.ToJsonString(), ct);
            return c.Done(created, $"Created connection [bold]{Markup.Escape(JsonView.Text(created, "id"))}[/] ({Markup.Escape(JsonView.Text(created, "kind"))}).");
        });
        return command;
    }

    private static Command Update()
    {
        var id = ConnectionArgument();
        var file = FileOption();
        var command = OperatorCommandOptions.Create("update", "Replace a connection's definition from a JSON or YAML file (without a version in the file, the current one is overwritten).");
        command.Arguments.Add(id);
        command.Options.Add(file);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var connectionId = c.Parse.GetValue(id)!;
            var document = await ConnectionFile.ReadAsync(c.Parse.GetValue(file)!, ct);
            document["id"] ??= connectionId;
            if (document["version"] is null)
            {
                var current = await c.Api.GetConnectionAsync(connectionId, ct);
                document["version"] = JsonView.Text(current, "version");
            }

            var updated = await c.Api.UpdateConnectionAsync(connectionId, document.ToJsonString(), ct);
            return c.Done(updated, $"Updated connection [bold]{Markup.Escape(connectionId)}[/].");
        });
        return command;
    }

    private static Command Pause()
    {
        var id = ConnectionArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, for the other operators and the audit trail." };
        var command = OperatorCommandOptions.Create("pause", "Pause a connection: webhooks are still accepted and held, nothing is written to the target systems.");
        command.Arguments.Add(id);
        command.Options.Add(reason);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
            c.Done(await c.Api.PauseAsync(c.Parse.GetValue(id)!, c.Parse.GetValue(reason), ct), $"Paused [bold]{Markup.Escape(c.Parse.GetValue(id)!)}[/]."));
        return command;
    }

    private static Command Resume()
    {
        var id = ConnectionArgument();
        var command = OperatorCommandOptions.Create("resume", "Resume a paused connection.");
        command.Arguments.Add(id);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
            c.Done(await c.Api.ResumeAsync(c.Parse.GetValue(id)!, ct), $"Resumed [bold]{Markup.Escape(c.Parse.GetValue(id)!)}[/]."));
        return command;
    }

    private static Command Delete()
    {
        var id = ConnectionArgument();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = OperatorCommandOptions.Create("delete", "Delete a connection (its audit trail and secrets stay).");
        command.Arguments.Add(id);
        command.Options.Add(yes);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var connectionId = c.Parse.GetValue(id)!;
            if (!c.Parse.GetValue(yes))
            {
                if (Console.IsInputRedirected)
                {
                    throw new OperatorUsageException("Deleting needs --yes when no one can be asked.");
                }

                if (!await c.Error.ConfirmAsync($"Delete connection {Markup.Escape(connectionId)}?", defaultValue: false, ct))
                {
                    return OperatorCommandOptions.Usage;
                }
            }

            return c.Done(await c.Api.DeleteConnectionAsync(connectionId, ct), $"Deleted [bold]{Markup.Escape(connectionId)}[/].");
        });
        return command;
    }
}
