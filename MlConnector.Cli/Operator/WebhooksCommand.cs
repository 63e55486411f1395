using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary><c>mlconnector webhooks register CONNECTION [--public-url URL]</c>: ShipStation subscriptions through its API, with a fresh URL secret.</summary>
internal static class WebhooksCommand
{
    public static Command Create()
    {
        var command = new Command("webhooks", "Vendor webhook subscriptions.");
        var id = ConnectionsCommand.ConnectionArgument();
        var publicUrl = new Option<string?>("--public-url") { Description = "Where the vendor reaches this host (default: the host's PublicEndpoint:BaseUrl)." };
        var register = OperatorCommandOptions.Create("register", "Register the connection's ShipStation webhooks (ORDER_NOTIFY, SHIP_NOTIFY, FULFILLMENT_SHIPPED) with a fresh URL secret; earlier ones are removed.");
        register.Arguments.Add(id);
        register.Options.Add(publicUrl);
        OperatorCommandOptions.SetAction(register, async (c, ct) =>
        {
            Uri? url = null;
            if (c.Parse.GetValue(publicUrl) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out url))
            {
                throw new OperatorUsageException($"--public-url '{text}' is not an absolute URL.");
            }

            return c.Write(await c.Api.RegisterWebhooksAsync(c.Parse.GetValue(id)!, url, ct), (console, answer) =>
            {
                console.Write(JsonView.Table(answer.GetProperty("registered"), "event", "webHookId", "url"));
                console.MarkupLineInterpolated($"{JsonView.Text(answer, "removed")} earlier subscription(s) removed.");
            });
        });
        command.Subcommands.Add(register);
        return command;
    }
}
