using System.Diagnostics;
using System.Net.Sockets;

namespace MlConnector.Core.Storage;

/// <summary>
/// Starts the real Azurite storage emulator (npm package <c>azurite</c>, pinned to 3.35.0 in the repository's
/// <c>package.json</c>) as a child process on free loopback ports, and stops it on dispose.
/// Used by the test fixture and by <c>mlconnector serve</c> / <c>demo</c> when no storage is configured.
/// </summary>
/// <remarks>
/// Start flags follow the project's toolchain notes: <c>--skipApiVersionCheck</c> (the Blob/Queue SDKs send an
/// API version newer than Azurite knows), <c>--loose</c>, <c>--disableTelemetry</c> (the network is closed).
/// Data lives in memory unless <see cref="StartAsync(string?, CancellationToken)"/> is given a data folder.
/// <para>
/// One Azurite process serves all three services on one Node.js thread. Under a long run that thread is the bottleneck:
/// in a 1,000-record chaos run it was ~75 % of a core while the host used ~30 % (docs/performance.md), and each queue
/// operation costs more as messages accumulate. <see cref="AzuriteLayout.ProcessPerService"/> starts Azurite's own
/// per-service entry points instead (<c>azurite-blob</c>, <c>azurite-queue</c>, <c>azurite-table</c> in its
/// <c>package.json</c> <c>bin</c>), so table and queue work run on separate cores. The services keep separate state in
/// either layout (Azurite's metadata files are per service), so nothing changes for a client but the speed.
/// </para>
/// <para>
/// That layout also preloads a fix for a cost of Azurite 3.35's queue store (<c>Storage/azurite-lokijs-fixes.cjs</c>):
/// before every get and delete it removes the queue's expired messages with a LokiJS batch remove, which re-sorts every
/// index of the message collection even when there is nothing to remove, so each queue operation cost O(n log n) in the
/// messages held by all queues; in a 10,000-record chaos run the queue process spent a whole core on it with ~5,000
/// messages held. The fix skips empty batches and sends one-document batches down LokiJS's single-document path; the
/// stored data and every answer are unchanged. The same file makes the table store's point lookups (a point read, and the
/// existence check of every insert and update) narrow by whichever of its <c>PartitionKey</c> and <c>RowKey</c> indices
/// gives fewer rows: LokiJS narrowed by the partition and then scanned it, so a partition of thousands of rows (a
/// connection's audit rows of one day) cost thousands of comparisons per lookup; in the 10,000-record chaos run those
/// lookups took a third of the table process, 3 % after the change. It also sends a <c>findAndRemove</c> that matches one
/// document down the single-document path: LokiJS rebuilt every index of the collection on each call, and the queue's
/// garbage collection (every 60 s) removes each deleted message's extent that way, one call per extent, so one sweep after
/// a webhook burst held the queue process for 44 s and every intake record write in that time was answered 503; and it
/// hands the in-memory store's sweep its extents 256 at a time with a turn of the event loop between, so requests are
/// served while a large sweep runs. Test fixtures keep <see cref="AzuriteLayout.OneProcess"/>, stock Azurite.
/// </para>
/// </remarks>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    /// <summary>The well-known Azurite development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known, public Azurite development account key (documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string LokiJsFixesResource = "MlConnector.Core.Storage.azurite-lokijs-fixes.cjs";

    private readonly IReadOnlyList<Process> _processes;
    private readonly StringBuilder _output;

    private AzuriteEmulator(IReadOnlyList<Process> processes, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _processes = processes;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The loopback port of the Blob service.</summary>
    public int BlobPort { get; }

    /// <summary>The loopback port of the Queue service.</summary>
    public int QueuePort { get; }

    /// <summary>The loopback port of the Table service.</summary>
    public int TablePort { get; }

    /// <summary>True while every emulator process runs.</summary>
    public bool IsRunning => _processes.All(p => !p.HasExited);

    /// <summary>A connection string for all three services on this emulator.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// Finds the installed Azurite entry script by walking up from <paramref name="startDirectory"/> (and from the
    /// application base directory) to a folder holding <c>node_modules/azurite/dist/src/azurite.js</c>.
    /// </summary>
    /// <param name="startDirectory">Where to begin; the current directory when null.</param>
    /// <returns>The full path of <c>azurite.js</c>, or null when Azurite is not installed.</returns>
    public static string? FindAzuriteScript(string? startDirectory = null)
    {
        foreach (var start in new[] { startDirectory ?? Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Starts Azurite (Blob, Queue and Table) in one process on free loopback ports and waits until all three accept connections.</summary>
    /// <param name="dataDirectory">A folder to persist data in, or null to keep everything in memory.</param>
    /// <param name="cancellationToken">Cancels the start-up wait.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="AzuriteNotInstalledException">When <c>node_modules/azurite</c> is missing or Node.js cannot be started.</exception>
    /// <exception cref="TimeoutException">When the ports do not open within 60 seconds; the emulator's output is in the message.</exception>
    public static Task<AzuriteEmulator> StartAsync(string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, AzuriteLayout.OneProcess, cancellationToken);

    /// <summary>Starts Azurite (Blob, Queue and Table) on free loopback ports in <paramref name="layout"/> and waits until all three accept connections.</summary>
    /// <param name="dataDirectory">A folder to persist data in (shared by the processes; Azurite names its files per service), or null to keep everything in memory.</param>
    /// <param name="layout">One process for the three services, or one per service.</param>
    /// <param name="cancellationToken">Cancels the start-up wait.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="AzuriteNotInstalledException">When <c>node_modules/azurite</c> is missing or Node.js cannot be started.</exception>
    /// <exception cref="TimeoutException">When the ports do not open within 60 seconds; the emulator's output is in the message.</exception>
    /// <exception cref="InvalidOperationException">When a process exited before its port opened; its output is in the message.</exception>
    public static async Task<AzuriteEmulator> StartAsync(string? dataDirectory, AzuriteLayout layout, CancellationToken cancellationToken = default)
    {
        var script = FindAzuriteScript()
            ?? throw new AzuriteNotInstalledException("Azurite is not installed: run `npm ci` in the repository root (package.json pins azurite 3.35.0).");
        if (dataDirectory is not null)
        {
            Directory.CreateDirectory(dataDirectory);
        }

        var (blob, queue, table) = (LoopbackPort.FindFree(), LoopbackPort.FindFree(), LoopbackPort.FindFree());
        var services = new (string Name, int Port)[] { ("blob", blob), ("queue", queue), ("table", table) };
        var scripts = layout == AzuriteLayout.ProcessPerService
            ? services.Select(service => (Script: Path.Combine(Path.GetDirectoryName(script)!, service.Name, "main.js"), Services: new[] { service })).ToArray()
            : [(Script: script, Services: services)];
        var preload = layout == AzuriteLayout.ProcessPerService ? WriteLokiJsFixes() : null;

        var output = new StringBuilder();
        var processes = new List<Process>();
        var emulator = new AzuriteEmulator(processes, output, blob, queue, table);
        try
        {
            foreach (var (entry, served) in scripts)
            {
                processes.Add(Launch(entry, served, dataDirectory, preload, output));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            for (var i = 0; i < scripts.Length; i++)
            {
                foreach (var (_, port) in scripts[i].Services)
                {
                    await WaitForPortAsync(processes[i], port, timeout.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await emulator.DisposeAsync();
            throw new TimeoutException("Azurite did not open its ports within 60 s. Output: " + emulator.Output, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Exited before its ports opened (a port taken between the search and the bind, a bad data folder): say why.
            await emulator.DisposeAsync();
            throw new InvalidOperationException(ex.Message + " Output: " + emulator.Output.Trim(), ex);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>What the emulator has printed so far (for diagnostics).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills the emulator's processes and their child processes.</summary>
    /// <returns>A task that completes when the processes have exited.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(cts.Token);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (OperationCanceledException)
            {
                // Gave up waiting; the kill signal was sent.
            }

            process.Dispose();
        }
    }

    /// <summary>
    /// Writes the LokiJS fixes (<c>Storage/azurite-lokijs-fixes.cjs</c>, embedded; what it changes and why
    /// is in the file) to the temp folder once per content, for <c>node --require</c>.
    /// </summary>
    internal static string WriteLokiJsFixes()
    {
        using var stream = typeof(AzuriteEmulator).Assembly.GetManifestResourceStream(LokiJsFixesResource)
            ?? throw new InvalidOperationException($"The embedded resource {LokiJsFixesResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"mlconnector-azurite-lokijs-fixes-{hash}.cjs");
        if (!File.Exists(path))
        {
            var partial = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(partial, text);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    private static Process Launch(string script, IReadOnlyList<(string Name, int Port)> services, string? dataDirectory, string? preload, StringBuilder output)
    {
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (preload is not null)
        {
            psi.ArgumentList.Add("--require");
            psi.ArgumentList.Add(preload);
        }

        psi.ArgumentList.Add(script);
        foreach (var (name, port) in services)
        {
            foreach (var arg in new[] { $"--{name}Host", "127.0.0.1", $"--{name}Port", port.ToString(CultureInfo.InvariantCulture) })
            {
                psi.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in new[] { "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
        {
            psi.ArgumentList.Add(arg);
        }

        if (dataDirectory is null)
        {
            psi.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(dataDirectory);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new AzuriteNotInstalledException("Node.js could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new AzuriteNotInstalledException("Node.js (`node`) is not on PATH; Azurite needs it.", ex);
        }

        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForPortAsync(Process process, int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before port {port} opened.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
