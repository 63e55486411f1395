using MlConnector.Cli.Demo;
using MlConnector.Core.Workflows;
using Moq;
using Spectre.Console;

namespace MlConnector.Tests.Cli;

public class DemoProgressTests
{
    private static readonly IAnsiConsole Quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    [Fact]
    public void LimitFor_ScalesWithTheGroup()
    {
        var sut = new DemoProgress(Quiet);
        Assert.Equal(TimeSpan.FromMinutes(5), sut.LimitFor(0));
        Assert.Equal(TimeSpan.FromMinutes(15), sut.LimitFor(1000));
    }

    [Fact]
    public async Task WaitForAsync_InstancesNeverFinish_ThrowsTimeoutNamingWhatAndWhichAreStillRunning()
    {
        // Arrange: one instance completes, two never do.
        var client = new Mock<IWorkflowClient>();
        client.Setup(c => c.GetStatusAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => Status(id, id == "k:c:done" ? WorkflowRuntimeStatus.Completed : WorkflowRuntimeStatus.Running));
        var sut = new DemoProgress(Quiet, minimumWait: TimeSpan.FromMilliseconds(50));

        // Act
        var error = await Assert.ThrowsAsync<TimeoutException>(() => sut.WaitForAsync("Syncing orders", ["k:c:done", "k:c:a", "k:c:b"], client.Object, CancellationToken.None));

        // Assert
        Assert.Contains("\"Syncing orders\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 3 workflows finished", error.Message, StringComparison.Ordinal);
        Assert.Contains("k:c:a, k:c:b", error.Message, StringComparison.Ordinal);
    }

    private static WorkflowInstanceStatus Status(string id, WorkflowRuntimeStatus status) =>
        new("W", id, "c", status, null, null, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);
}
