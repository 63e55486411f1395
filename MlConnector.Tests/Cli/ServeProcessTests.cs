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
        // Arrange: a real child that only waits.
        using var child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            // Act
            var peak = ServeProcess.ResidentBytes(child, peak: true);
            var now = ServeProcess.ResidentBytes(child, peak: false);

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

    private static long StatusKib(int processId, string field)
    {
        var line = File.ReadAllLines($"/proc/{processId}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }
}
