using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>
/// <c>mlconnector secrets set CONNECTION NAME</c> and <c>secrets set-app NAME</c>: the value is read from stdin when it is
/// redirected (<c>... &lt; file</c>, a pipe), otherwise from a hidden prompt; it is never an argument (so never in shell
/// history or process listings), never echoed and never logged. The host writes it to Key Vault or its encrypted store.
/// </summary>
internal static class SecretsCommand
{
    public static Command Create()
    {
        var command = new Command("secrets", "Store secrets (API keys, client secrets, account numbers) through the host; values are never shown.");
        var connection = ConnectionsCommand.ConnectionArgument();
        var name = new Argument<string>("name") { Description = "The secret's name, for example shipstation-api-key, shipstation-api-secret, ups-merchant-id." };
        var set = OperatorCommandOptions.Create("set", "Store one secret of a connection (value from stdin or a hidden prompt).");
        set.Arguments.Add(connection);
        set.Arguments.Add(name);
        OperatorCommandOptions.SetAction(set, async (c, ct) =>
        {
            var secretName = c.Parse.GetValue(name)!;
            var value = await ReadValueAsync(c, secretName, ct);
            return c.Done(await c.Api.SetSecretAsync(c.Parse.GetValue(connection)!, secretName, value, ct), $"Stored [bold]{Markup.Escape(secretName)}[/] of {Markup.Escape(c.Parse.GetValue(connection)!)}.");
        });

        var appName = new Argument<string>("name") { Description = "The app-wide secret's name, as configured: qbo-client-secret, ups-client-secret, qbo-webhook-verifier-token…" };
        var setApp = OperatorCommandOptions.Create("set-app", "Store an app-wide secret (an OAuth client secret, the QBO webhook verifier token).");
        setApp.Arguments.Add(appName);
        OperatorCommandOptions.SetAction(setApp, async (c, ct) =>
        {
            var secretName = c.Parse.GetValue(appName)!;
            var value = await ReadValueAsync(c, secretName, ct);
            return c.Done(await c.Api.SetAppSecretAsync(secretName, value, ct), $"Stored app secret [bold]{Markup.Escape(secretName)}[/].");
        });

        command.Subcommands.Add(set);
        command.Subcommands.Add(setApp);
        return command;
    }

    private static async Task<string> ReadValueAsync(OperatorCommandContext context, string name, CancellationToken cancellationToken)
    {
        string value;
        if (Console.IsInputRedirected)
        {
            // One trailing newline (echo, a file saved by an editor) is not part of the secret.
            value = (await Console.In.ReadToEndAsync(cancellationToken)).TrimEnd('\r', '\n');
        }
        else
        {
            value = await context.Error.PromptAsync(new TextPrompt<string>($"Value of {Markup.Escape(name)}:").Secret(), cancellationToken);
        }

        return value.Length > 0 ? value : throw new OperatorUsageException("The secret value is empty.");
    }
}
