using System.CommandLine;

namespace MlConnector.Cli.Operator;

/// <summary><c>mlconnector health [CONNECTION]</c>: the host's health, or one connection's (last syncs, open failures, tokens, webhooks, pause).</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("connection") { Description = "A connection id; without it, the whole host.", Arity = ArgumentArity.ZeroOrOne };
        var command = OperatorCommandOptions.Create("health", "Show the host's health, or one connection's.");
        command.Arguments.Add(id);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var connectionId = c.Parse.GetValue(id);
            var health = await c.Api.HealthAsync(connectionId, ct);
            return c.Write(health, (console, h) => console.Write(JsonView.Tree(connectionId is null ? "ml-connector" : connectionId, h)));
        });
        return command;
    }
}
