using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Bench;

/// <summary>
/// `mlconnector bench [--orders N] [--only PHASE...] [--json]`: ShipStation → QBO throughput through the standalone host on the sandbox,
/// which enforces the vendors' published limits. A measurement, never a test: run it on a quiet machine.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout (progress goes to stderr)." };
        var orders = new Option<int>("--orders")
        {
            Description = "How many orders to push through ShipStation → QBO (at least 10).",
            DefaultValueFactory = _ => 2000,
        };
        var ackSeconds = new Option<int>("--ack-seconds")
        {
            Description = "How long each webhook route is driven at 200 requests/s for the ack latency figures (at least 1).",
            DefaultValueFactory = _ => 10,
        };
        var rssRecords = new Option<int?>("--rss-records")
        {
            Description = "N of the peak-RSS figure (a serve process at N and 10×N records); default: --orders.",
        };
        var only = BenchPhases.CreateOption();
        var command = new Command("bench", "Measure ShipStation → QuickBooks Online throughput (orders per minute, vendor requests per order, 429s), webhook ack latency, event → write-back latency and memory at scale on the built-in simulators.");
        command.Options.Add(json);
        command.Options.Add(orders);
        command.Options.Add(ackSeconds);
        command.Options.Add(rssRecords);
        command.Options.Add(only);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var result = await new BenchRunner(progress).RunAsync(
                Math.Max(10, parse.GetValue(orders)),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(ackSeconds))),
                Math.Max(1, parse.GetValue(rssRecords) ?? parse.GetValue(orders)),
                BenchPhases.Select(parse.GetValue(only)),
                cancellationToken);
            if (asJson)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(result, BenchResult.JsonOptions));
            }
            else
            {
                BenchResult.WriteTable(AnsiConsole.Console, result);
            }

            return result.Complete ? 0 : 1;
        });
        return command;
    }
}
