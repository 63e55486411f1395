using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>
/// <c>mlconnector qwc CONNECTION [--output FILE]</c>: the <c>qbd-shipstation</c> connection's QuickBooks Web Connector file
/// (<c>GET /api/connections/{id}/qwc</c>), printed or saved for the merchant to open in the Web Connector ("Add an
/// application"). It holds no password: the merchant types it into the Web Connector.
/// </summary>
internal static class QwcCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("connection") { Description = "The qbd-shipstation connection id." };
        var output = new Option<string?>("--output") { Description = "Save the file here (for example acme.qwc) instead of printing it." };
        var command = OperatorCommandOptions.Create("qwc", "Get a QuickBooks Desktop connection's Web Connector (.qwc) file.");
        command.Arguments.Add(id);
        command.Options.Add(output);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var connectionId = c.Parse.GetValue(id)!;
            var qwc = await c.Api.GetQwcAsync(connectionId, ct);
            if (c.Parse.GetValue(output) is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, qwc, ct);
                c.Out.MarkupLineInterpolated($"Saved the Web Connector file of {connectionId} to {path}. Open it in the QuickBooks Web Connector and type the connection's password there.");
                return 0;
            }

            Console.Out.WriteLine(qwc);
            return 0;
        });
        return command;
    }
}
