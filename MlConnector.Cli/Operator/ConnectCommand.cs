using System.CommandLine;
using MlConnector.Core.Connections;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>
/// <c>mlconnector connect CONNECTION</c>: prints the merchant's consent link, the host's
/// <c>/api/oauth/{provider}/connect/{connectionId}</c> route, for the OAuth system of the connection's kind (QuickBooks
/// Online, FreshBooks). The merchant opens it, signs in and grants access; the callback stores the tokens.
/// </summary>
internal static class ConnectCommand
{
    private static readonly string[] OAuthSystems = ["qbo", "freshbooks"];

    public static Command Create()
    {
        var id = ConnectionsCommand.ConnectionArgument();
        var command = OperatorCommandOptions.Create("connect", "Print the consent URL the merchant opens to connect QuickBooks Online or FreshBooks.");
        command.Arguments.Add(id);
        OperatorCommandOptions.SetAction(command, async (c, ct) =>
        {
            var connectionId = c.Parse.GetValue(id)!;
            var connection = await c.Api.GetConnectionAsync(connectionId, ct);
            var kind = JsonView.Text(connection, "kind");
            var provider = IntegrationKinds.All.TryGetValue(kind, out var definition)
                ? definition.Systems.Select(s => s.Code).FirstOrDefault(OAuthSystems.Contains)
                : null;
            if (provider is null)
            {
                c.Error.MarkupLineInterpolated($"[red]Connection {connectionId} ({kind}) has no system that connects by OAuth consent.[/]");
                return OperatorCommandOptions.HostFailure;
            }

            var url = c.Api.ConsentUrl(provider, connectionId);
            var answer = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["connectionId"] = connectionId, ["provider"] = provider, ["consentUrl"] = url.AbsoluteUri })).RootElement;
            return c.Write(answer, (console, _) =>
            {
                console.MarkupLineInterpolated($"Send the merchant this link to connect [bold]{provider}[/] for {connectionId}:");
                console.WriteLine(url.AbsoluteUri);
            });
        });
        return command;
    }
}
