using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// <c>mlconnector chaos [--json] [--records N] [--kills K] [--seed S] [--concurrency C] [--integrations shipstation-qbo,qbo-ups,…]</c>: drives records through the integrations on the
/// sandbox with vendor faults injected and the host SIGKILLed and restarted, then reconciles every record. Exit 0 only when
/// nothing is duplicated or lost and every visible failure replayed successfully once its fault was lifted.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print only the JSON report on stdout (progress goes to stderr)." };
        var records = new Option<int>("--records") { Description = "Source records to drive through the integrations (at least 10), split evenly among the integrations.", DefaultValueFactory = _ => 10_000 };
        var kills = new Option<int>("--kills") { Description = "How many times to SIGKILL and restart the host.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault rolls, delivery order and kill moments.", DefaultValueFactory = _ => 17 };
        var concurrency = new Option<int>("--concurrency") { Description = "Deliveries (webhooks, Web Connector sessions) in flight at once.", DefaultValueFactory = _ => ChaosOptions.DefaultDeliveryConcurrency };
        var integrations = new Option<string?>("--integrations") { Description = "Comma-separated integration kinds to drive (" + string.Join(", ", ChaosIntegrations.Kinds) + "); all of them by default." };
        var command = new Command("chaos", "Drive records through the integrations on the simulators with faults injected and the host killed and restarted; reconcile every record with the target systems.");
        command.Options.Add(json);
        command.Options.Add(records);
        command.Options.Add(kills);
        command.Options.Add(seed);
        command.Options.Add(concurrency);
        command.Options.Add(integrations);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

            // One progress line per step, unwrapped (a settle's line names every integration), so a log can be read by line.
            progress.Profile.Width = 2000;
            var options = new ChaosOptions(Math.Max(10, parse.GetValue(records)), Math.Max(0, parse.GetValue(kills)), parse.GetValue(seed))
            {
                DeliveryConcurrency = Math.Max(1, parse.GetValue(concurrency)),
                Integrations = parse.GetValue(integrations)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            ChaosSummary summary;
            try
            {
                summary = await new ChaosRunner(text => progress.MarkupLine("[grey]•[/] " + Markup.Escape(text))).RunAsync(options, cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A run that cannot go on says why, on stdout, where the report would have been.
                Console.Out.WriteLine(asJson ? JsonSerializer.Serialize(new { passed = false, error = ex.Message }) : "The chaos run did not finish: " + ex.Message);
                return 1;
            }

            if (asJson)
            {
                Console.Out.WriteLine(ChaosReport.ToJson(summary));
            }
            else
            {
                ChaosReport.WriteTable(AnsiConsole.Console, summary);
            }

            return summary.Passed ? 0 : 1;
        });
        return command;
    }
}
