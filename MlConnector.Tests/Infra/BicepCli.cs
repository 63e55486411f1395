using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace MlConnector.Tests.Infra;

/// <summary>
/// Runs the Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a PackageDownload of this project).
/// The CLI writes diagnostics as <c>file(line,col) : Warning|Error code: message</c> to stderr and exits 0 on warnings,
/// so callers read <see cref="BicepResult.Diagnostics"/>, not only the exit code.
/// </summary>
internal static partial class BicepCli
{
    public static string ExecutablePath
    {
        get
        {
            var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepPath").Value!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("The Bicep CLI is missing; restore MlConnector.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64).", path);
            }

            if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            }

            return path;
        }
    }

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        var diagnostics = DiagnosticLine().Matches(output).Select(m => m.Value.Trim()).ToList();
        return new BicepResult(process.ExitCode, output, diagnostics);
    }

    [GeneratedRegex(@"^.*\) : (Warning|Error) .*$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
