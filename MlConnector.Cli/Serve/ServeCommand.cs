using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Serve;

/// <summary>`mlconnector serve`: runs the standalone host until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where Kestrel listens. Loopback by default; expose it only behind a TLS reverse proxy.",
            DefaultValueFactory = _ => ServeSettings.DefaultUrls,
        };
        var inMemory = new Option<bool>("--in-memory")
        {
            Description = "Keep the auto-started Azurite's data in memory (lost on exit) instead of ./.mlconnector/azurite.",
        };

        var tokenFile = new Option<string>("--token-file")
        {
            Description = "Where to write the operator API token for the CLI (readable by this user only).",
            DefaultValueFactory = _ => OperatorTokenFile.DefaultPath,
        };

        var command = new Command("serve", "Run ml-connector on this machine: webhooks, timers and the workflows on the Durable Task Framework, task hub in Azure Storage (Azurite when no storage is configured).");
        command.Options.Add(urls);
        command.Options.Add(inMemory);
        command.Options.Add(tokenFile);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ServeSettings(parse.GetValue(urls)!, parse.GetValue(inMemory) ? null : ServeSettings.DefaultAzuriteDataDirectory, parse.GetValue(tokenFile));
            await using var host = await StandaloneHost.StartAsync(settings, parse.UnmatchedTokens.ToArray(), cancellationToken: cancellationToken);
            AnsiConsole.MarkupLine($"[green]ml-connector is running[/] at [bold]{host.BaseAddress}[/] (health: {host.BaseAddress}api/health)");
            AnsiConsole.MarkupLine(host.StartedAzurite ? "Storage: Azurite started by this process." : "Storage: configured connection.");
            AnsiConsole.MarkupLine(host.HasOperatorToken
                ? $"Operator token: written to [bold]{Markup.Escape(Path.GetFullPath(settings.TokenFile!))}[/] (owner-only); the CLI reads it from there."
                : "[yellow]Operator token: storage is unreachable, so no token file was written; restart once storage answers.[/]");
            AnsiConsole.MarkupLine("Press Ctrl+C to stop.");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
