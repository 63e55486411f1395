namespace MlConnector.Cli.Bench;

/// <summary>
/// A Linux process's resident memory as the kernel reports it in <c>/proc/{pid}/status</c> (proc(5), "/proc/pid/status"):
/// <c>VmRSS</c>, the resident set now, and <c>VmHWM</c>, its peak ("high water mark") over the process's life, both in KiB.
/// </summary>
/// <param name="ResidentKib">VmRSS, KiB.</param>
/// <param name="PeakResidentKib">VmHWM, KiB.</param>
internal readonly record struct ProcessMemory(long ResidentKib, long PeakResidentKib)
{
    /// <summary>VmRSS in MiB (rounded down).</summary>
    public long ResidentMegabytes => ResidentKib / 1024;

    /// <summary>VmHWM in MiB (rounded down).</summary>
    public long PeakResidentMegabytes => PeakResidentKib / 1024;

    /// <summary>Reads the two lines out of the text of a <c>status</c> file (<c>VmRSS:     123456 kB</c>).</summary>
    /// <param name="status">The file's text.</param>
    /// <returns>The figures, or null when either line is missing or not a number of kB (a kernel thread, a process already gone).</returns>
    public static ProcessMemory? Parse(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        long? resident = null, peak = null;
        foreach (var line in status.Split('\n'))
        {
            if (Field(line, "VmRSS:") is { } rss)
            {
                resident = rss;
            }
            else if (Field(line, "VmHWM:") is { } hwm)
            {
                peak = hwm;
            }
        }

        return resident is { } r && peak is { } p ? new ProcessMemory(r, p) : null;
    }

    /// <summary>Reads <c>/proc/{processId}/status</c>.</summary>
    /// <param name="processId">The process.</param>
    /// <returns>The figures, or null off Linux or when the process is gone.</returns>
    public static ProcessMemory? Read(int processId)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{processId}/status"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? Field(string line, string name)
    {
        if (!line.StartsWith(name, StringComparison.Ordinal))
        {
            return null;
        }

        var value = line[name.Length..].Trim();
        return value.EndsWith(" kB", StringComparison.Ordinal)
            && long.TryParse(value[..^3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
    }
}
