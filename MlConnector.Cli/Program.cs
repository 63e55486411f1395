using System.CommandLine;
using MlConnector.Cli.Backfill;
using MlConnector.Cli.Bench;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Serve;

var root = new RootCommand("ml-connector: keeps accounting (QuickBooks Online/Desktop, FreshBooks) in sync with shipping and EDI (UPS, ShipStation, SPS Commerce).");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(BackfillCommand.Create());
return await root.Parse(args).InvokeAsync();
