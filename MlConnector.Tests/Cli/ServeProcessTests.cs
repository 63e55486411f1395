using System.Diagnostics;
using MlConnector.Cli.Chaos;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The one way the bench and the chaos read a child's memory: <see cref="Process"/>'s figures, which on Linux are the
/// kernel's VmRSS and VmHWM, and 0 once the child has exited instead of the runtime's exception.
/// </summary>
public class ServeProcessTests
{
    [Fact]
    public void ResidentBytes_RunningChild_IsTheKernelsVmRssAndVmHwmInBytes()
    {
        // Arrange: a real child that only waits, read once it sleeps (right after the start it is still loading, and its
        // resident set still grows).
        using var child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            WaitUntilAsleep(child.Id);

            // Act
            var now = ServeProcess.ResidentBytes(child, peak: false);
            var peak = ServeProcess.ResidentBytes(child, peak: true);

            // Assert: the high water mark of a process that only sleeps does not move, so it equals the status file's line.
            Assert.InRange(now, 1, peak);
            Assert.Equal(StatusKib(child.Id, "VmHWM") * 1024, peak);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void ResidentBytes_ExitedChild_IsZeroRatherThanThrowing()
    {
        // Arrange
        using var child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        child.Kill();
        child.WaitForExit();

        // Act
        var peak = ServeProcess.ResidentBytes(child, peak: true);
        var now = ServeProcess.ResidentBytes(child, peak: false);

        // Assert
        Assert.Equal((0L, 0L), (peak, now));
    }

    /// <summary>Waits (up to 10 s) until the child sleeps with the same VmHWM on three reads 50 ms apart.</summary>
    private static void WaitUntilAsleep(int processId)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        var (last, same) = (-1L, 0);
        while (same < 3)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The child did not settle into sleep within 10 s.");
            Thread.Sleep(50);
            var status = File.ReadAllLines($"/proc/{processId}/status");
            var hwm = StatusKib(processId, "VmHWM");
            same = status.Any(l => l.StartsWith("State:\tS", StringComparison.Ordinal)) && hwm == last ? same + 1 : 0;
            last = hwm;
        }
    }

    private static long StatusKib(int processId, string field)
    {
        var line = File.ReadAllLines($"/proc/{processId}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }
}
