using System.CommandLine;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>What an operator command's body works with: the client, its parsed command line, and where to write.</summary>
/// <param name="Api">The operator API client.</param>
/// <param name="Parse">The parsed command line.</param>
/// <param name="AsJson">True when <c>--json</c> was given: the answer goes to stdout as JSON, nothing else does.</param>
/// <param name="Error">Messages and progress (stderr).</param>
internal sealed record OperatorCommandContext(OperatorApiClient Api, ParseResult Parse, bool AsJson, IAnsiConsole Error)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The console for human-readable output (stdout); redirected output is not wrapped at 80 columns.</summary>
    public IAnsiConsole Out { get; } = CreateOut();

    /// <summary>Writes the answer: as JSON with <c>--json</c>, otherwise through <paramref name="render"/>.</summary>
    public int Write(JsonElement answer, Action<IAnsiConsole, JsonElement> render, int exitCode = 0)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (AsJson)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(answer, Indented));
        }
        else
        {
            render(Out, answer);
        }

        return exitCode;
    }

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 400;
        }

        return console;
    }

    /// <summary>Writes a short confirmation (or the answer as JSON).</summary>
    public int Done(JsonElement answer, string message) => Write(answer, (console, _) => console.MarkupLine(message));
}
