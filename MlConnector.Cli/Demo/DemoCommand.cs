using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>`mlconnector demo [--json] [--orders N]`: the whole product against the built-in simulators.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON on stdout (progress goes to stderr)." };
        var orders = new Option<int>("--orders")
        {
            Description = "How many orders to send through ShipStation (at least 10).",
            DefaultValueFactory = _ => 50,
        };
        var command = new Command("demo", "Run ShipStation → QuickBooks Online and QuickBooks Online ↔ UPS end to end against the built-in simulators and print what happened.");
        command.Options.Add(json);
        command.Options.Add(orders);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var count = Math.Max(10, parse.GetValue(orders));
            var progress = asJson
                ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
                : AnsiConsole.Console;
            DemoSummary summary;
            try
            {
                summary = await new DemoRunner(progress).RunAsync(count, cancellationToken);
            }
            catch (TimeoutException ex)
            {
                // A demo that gives up says what it was waiting for, on stdout, where the summary would have been.
                Console.Out.WriteLine(asJson ? JsonSerializer.Serialize(new { passed = false, error = ex.Message }) : "The demo did not finish: " + ex.Message);
                return 1;
            }

            if (asJson)
            {
                Console.Out.WriteLine(DemoReport.ToJson(summary));
            }
            else
            {
                DemoReport.WriteTable(AnsiConsole.Console, summary);
            }

            return summary.Passed ? 0 : 1;
        });
        return command;
    }
}
