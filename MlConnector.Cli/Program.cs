using System.CommandLine;
using MlConnector.Cli.Bench;
using MlConnector.Cli.Chaos;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Operator;
using MlConnector.Cli.Serve;

var root = new RootCommand("ml-connector: keeps accounting (QuickBooks Online/Desktop, FreshBooks) in sync with shipping and EDI (UPS, ShipStation, SPS Commerce).");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ChaosCommand.Create());
root.Subcommands.Add(ConnectionsCommand.Create());
root.Subcommands.Add(SecretsCommand.Create());
root.Subcommands.Add(ConnectCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(HealthCommand.Create());
root.Subcommands.Add(QwcCommand.Create());
root.Subcommands.Add(FailuresCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(WebhooksCommand.Create());
root.Subcommands.Add(BackfillCommand.Create());

// A command line that does not parse is a usage error: exit 2 (the operator commands use 1 for failures the host reports, 3 for an unreachable host).
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run 'mlconnector --help' for usage.");
    return OperatorCommandOptions.Usage;
}

return await parse.InvokeAsync();
