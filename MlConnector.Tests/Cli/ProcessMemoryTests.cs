using MlConnector.Cli.Bench;

namespace MlConnector.Tests.Cli;

public class ProcessMemoryTests
{
    [Fact]
    public void Parse_StatusText_ReadsVmRssAndVmHwmInKib()
    {
        // Arrange: the lines around the two figures, as /proc/PID/status writes them (tabs and padding).
        const string status = "Name:\tdotnet\nVmPeak:\t 3456789 kB\nVmSize:\t 3400000 kB\nVmHWM:\t  225792 kB\nVmRSS:\t  180224 kB\nRssAnon:\t  120000 kB\nThreads:\t42\n";

        // Act
        var sut = ProcessMemory.Parse(status);

        // Assert
        Assert.Equal(new ProcessMemory(180224, 225792), sut);
        Assert.Equal((176, 220), (sut!.Value.ResidentMegabytes, sut.Value.PeakResidentMegabytes));
    }

    [Theory]
    [InlineData("Name:\tkthreadd\nState:\tS (sleeping)\nThreads:\t1\n")]
    [InlineData("VmHWM:\t  225792 kB\n")]
    [InlineData("VmHWM:\t  lots kB\nVmRSS:\t  180224 kB\n")]
    public void Parse_FigureMissingOrNotKib_ReturnsNull(string status)
    {
        // Act
        var sut = ProcessMemory.Parse(status);

        // Assert
        Assert.Null(sut);
    }

    [Fact]
    public void Read_ThisProcess_PeakIsAtLeastTheResidentSet()
    {
        // Act: the test host's own status file (the bench runs on Linux, as CI does).
        var sut = ProcessMemory.Read(Environment.ProcessId);

        // Assert
        Assert.NotNull(sut);
        Assert.InRange(sut.Value.ResidentKib, 1, sut.Value.PeakResidentKib);
    }

    [Fact]
    public void Read_NoSuchProcess_ReturnsNull()
    {
        // Act: pid_max is at most 2^22 on Linux, so this id is never a process.
        var sut = ProcessMemory.Read(int.MaxValue);

        // Assert
        Assert.Null(sut);
    }
}
