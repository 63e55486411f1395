using System.Diagnostics;
using MlConnector.Tests.Infra;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// Runs the real <c>mlconnector</c> (the Cli's build output) once, as an operator would from a shell: arguments,
/// environment (<c>MLCONNECTOR_URL</c>, <c>MLCONNECTOR_TOKEN</c>…), optional redirected stdin; returns the exit code and
/// what it wrote. It runs in an empty temporary directory, so no <c>.mlconnector/operator-token</c> is found by accident.
/// </summary>
public static class CliProcess
{
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var directory = Directory.CreateTempSubdirectory("mlc-cli-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = stdin is not null,
                UseShellExecute = false,
                WorkingDirectory = directory.FullName,
            };
            start.ArgumentList.Add(AssemblyPath);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["COLUMNS"] = "250";
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return new CliResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The Cli's build output in the same configuration as the tests.</summary>
    internal static string AssemblyPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = RepositoryPaths.Combine("MlConnector.Cli", "bin", configuration, "net10.0", "mlconnector.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build MlConnector.Cli first: its output is missing.", path);
        }
    }
}
