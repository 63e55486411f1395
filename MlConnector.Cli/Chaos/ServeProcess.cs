using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// A real <c>mlconnector serve</c> process (a Cli build output run by <c>dotnet</c>), configured through
/// <c>MLCONNECTOR_</c> environment variables, with its console output captured line by line. <see cref="Kill"/> ends it
/// with SIGKILL: no shutdown code runs, as when a machine loses power.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly string _tokenFile;

    private ServeProcess(Process process, Uri baseAddress, string tokenFile)
    {
        _process = process;
        BaseAddress = baseAddress;
        _tokenFile = tokenFile;
    }

    public Uri BaseAddress { get; }

    /// <summary>The operator token the process wrote to its token file at start.</summary>
    public string OperatorToken => File.ReadAllText(_tokenFile).Trim();

    /// <summary>Every line the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's id of the process.</summary>
    public int Id => _process.Id;

    /// <summary>The process's resident set now, in bytes (VmRSS on Linux, see <see cref="ResidentBytes"/>); 0 once it has exited.</summary>
    public long WorkingSetBytes => ResidentBytes(_process, peak: false);

    /// <summary>The process's peak resident set so far, in bytes (VmHWM on Linux, see <see cref="ResidentBytes"/>); 0 once it has exited.</summary>
    public long PeakWorkingSetBytes => ResidentBytes(_process, peak: true);

    /// <summary>This process's own <c>mlconnector.dll</c>, the default program of <see cref="StartAsync"/>.</summary>
    public static string OwnAssemblyPath => typeof(ServeProcess).Assembly.Location;

    /// <summary>
    /// A process's resident set, fresh: <see cref="Process.WorkingSet64"/> or <see cref="Process.PeakWorkingSet64"/> after
    /// <see cref="Process.Refresh"/>. On Linux .NET reads both from <c>/proc/{pid}/status</c>, <c>VmRSS</c> and <c>VmHWM</c>
    /// (KiB × 1024; dotnet/runtime <c>Interop.ProcFsStat.TryReadStatusFile.cs</c> and <c>ProcessManager.Linux.cs</c>;
    /// proc(5)), so the figures are the kernel's, not a second parser's.
    /// </summary>
    /// <param name="process">A started process.</param>
    /// <param name="peak">True for the peak (high water mark), false for the resident set now.</param>
    /// <returns>Bytes; 0 when the process has exited (the runtime then throws <see cref="InvalidOperationException"/>).</returns>
    internal static long ResidentBytes(Process process, bool peak)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            process.Refresh();
            return peak ? process.PeakWorkingSet64 : process.WorkingSet64;
        }
        catch (InvalidOperationException) when (process.HasExited)
        {
            return 0;
        }
    }

    /// <summary>Starts the process on <paramref name="port"/> and waits until <c>/api/health</c> answers.</summary>
    /// <param name="port">The loopback port to listen on.</param>
    /// <param name="settings">Configuration keys (<c>Storage:ConnectionString</c>…) passed as <c>MLCONNECTOR_</c> variables.</param>
    /// <param name="timeout">How long to wait for <c>/api/health</c>; a minute by default.</param>
    /// <param name="assemblyPath">The <c>mlconnector.dll</c> to run; <see cref="OwnAssemblyPath"/> by default.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="TimeoutException">When <c>/api/health</c> does not answer within <paramref name="timeout"/> (the process is ended).</exception>
    public static async Task<ServeProcess> StartAsync(int port, IReadOnlyDictionary<string, string?> settings, TimeSpan? timeout = null, string? assemblyPath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        assemblyPath ??= OwnAssemblyPath;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        start.ArgumentList.Add(assemblyPath);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var tokenFile = Path.Combine(Path.GetTempPath(), $"mlc-token-{Guid.NewGuid():N}");
        start.ArgumentList.Add("--token-file");
        start.ArgumentList.Add(tokenFile);
        foreach (var (key, value) in settings)
        {
            start.Environment["MLCONNECTOR_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var serve = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}/"), tokenFile);
        process.OutputDataReceived += (_, e) => serve.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serve.WaitUntilAnsweringAsync(timeout ?? TimeSpan.FromMinutes(1));
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }

        return serve;
    }

    /// <summary>
    /// The storage, secrets, OAuth, connector and QBO event settings an in-process host (a demo sandbox's) ran with, as
    /// settings for serve processes that take its place, logging warnings and up.
    /// </summary>
    public static Dictionary<string, string?> SettingsOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[] sections = ["Storage", "Secrets", "OAuth", "Connectors", "QboEvents"];
        var settings = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && sections.Any(s => kv.Key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    /// <summary>Ends the process at once with SIGKILL.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>How many captured lines contain <paramref name="text"/>.</summary>
    public int CountOutputLines(string text) => _output.Count(l => l.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_tokenFile);
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        // /api/health runs the host's checks (storage, task hub); on a machine whose 2 cores carry load 80 it answered in
        // 10 s, so a 5 s probe never saw it answer. Any answer counts; the overall deadline still bounds the wait.
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mlconnector serve exited with {_process.ExitCode}: {string.Join(Environment.NewLine, _output.TakeLast(30))}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), deadline.Token);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !deadline.IsCancellationRequested))
            {
                // Not listening yet, or too busy starting to answer within the probe's 60 s: ask again.
                await Task.Delay(200, CancellationToken.None);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // Fall through to the deadline check: said as what it is, not as "The operation was canceled.".
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"mlconnector serve did not answer /api/health within {timeout.TotalMinutes:0.#} minutes of its start."));
            }
        }
    }
}
