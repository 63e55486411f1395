using System.CommandLine;
using MlConnector.Cli.Serve;
using Spectre.Console;

namespace MlConnector.Cli.Operator;

/// <summary>The options every operator command takes, and how a command runs: one <see cref="OperatorApiClient"/>, exit codes, output.</summary>
internal static class OperatorCommandOptions
{
    public const string UrlVariable = "MLCONNECTOR_URL";

    /// <summary>Exit code: the host reported a failure (a refused request, a failing check).</summary>
    public const int HostFailure = 1;

    /// <summary>Exit code: the command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Exit code: the host cannot be reached, or refused the credential.</summary>
    public const int Unreachable = 3;

    public static Option<string> Url { get; } = new("--url")
    {
        Description = $"The host's base URL (default: ${UrlVariable}, else {ServeSettings.DefaultUrls}). The credential comes from ${OperatorCredential.TokenVariable}, ${OperatorCredential.FunctionKeyVariable} or the token file serve writes (.mlconnector/operator-token).",
    };

    public static Option<bool> Json { get; } = new("--json") { Description = "Print the host's answer as JSON on stdout." };

    /// <summary>A command with <c>--url</c> and <c>--json</c>.</summary>
    public static Command Create(string name, string description)
    {
        var command = new Command(name, description);
        command.Options.Add(Url);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>
    /// Sets the command's action: builds the client from <c>--url</c> and the credential, runs <paramref name="body"/>,
    /// and maps failures to exit codes (1 host failure with its problem details, 2 usage, 3 unreachable or unauthenticated).
    /// </summary>
    public static void SetAction(Command command, Func<OperatorCommandContext, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var url = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? ServeSettings.DefaultUrls;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                error.MarkupLineInterpolated($"[red]--url '{url}' is not an http(s) URL.[/]");
                return Usage;
            }

            var credential = await OperatorCredential.FindAsync(cancellationToken);
            using var client = new OperatorApiClient(baseUrl, credential);
            var context = new OperatorCommandContext(client, parse, parse.GetValue(Json), error);
            try
            {
                return await body(context, cancellationToken);
            }
            catch (OperatorUsageException ex)
            {
                error.MarkupLineInterpolated($"[red]{ex.Message}[/]");
                return Usage;
            }
            catch (OperatorApiException ex)
            {
                error.MarkupLineInterpolated($"[red]{baseUrl} answered {ex.Status}:[/] {ex.Detail}");
                foreach (var problem in ex.Problems)
                {
                    error.MarkupLineInterpolated($"  [yellow]{problem.Field}[/]: {problem.Message}");
                }

                if (ex.IsAuthentication)
                {
                    error.MarkupLineInterpolated($"Credential used: {credential}. Set ${OperatorCredential.TokenVariable} (serve: the token in .mlconnector/operator-token) or ${OperatorCredential.FunctionKeyVariable} (Azure).");
                    return Unreachable;
                }

                return HostFailure;
            }
            catch (HttpRequestException ex)
            {
                error.MarkupLineInterpolated($"[red]Cannot reach {baseUrl}:[/] {ex.Message}");
                return Unreachable;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error.MarkupLineInterpolated($"[red]{baseUrl} did not answer in time.[/]");
                return Unreachable;
            }
        });
    }
}
