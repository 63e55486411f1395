using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using Moq.Protected;

namespace MlConnector.Tests.Functions.Compat;

/// <summary>
/// The compat TaskOrchestrationContext keeps the real overload delegation and non-virtual bodies, which is what
/// Moq-based orchestrator tests (as Microsoft documents them) depend on.
/// </summary>
public class TaskOrchestrationContextTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CallActivityAsync_WithOptionsOnly_ReachesTheAbstractOverloadWithNullInput()
    {
        // Arrange
        var sut = new Mock<TaskOrchestrationContext> { CallBase = true };
        var options = new TaskOptions(new RetryPolicy(3, TimeSpan.FromSeconds(5)));
        sut.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "QboCreateInvoiceActivity"), null, options))
            .ReturnsAsync("inv-77");

        // Act
        var result = await sut.Object.CallActivityAsync<string>("QboCreateInvoiceActivity", options);

        // Assert
        Assert.Equal("inv-77", result);
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTimeout_ReturnsPayloadAndCancelsTimer()
    {
        // Arrange
        var sut = CreateSut();
        var timerToken = CancellationToken.None;
        var timer = new TaskCompletionSource();
        sut.Setup(c => c.CreateTimer(Now.AddMinutes(30), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => timerToken = token)
            .Returns(timer.Task);
        sut.Setup(c => c.WaitForExternalEvent<string>("QbwcResponse", It.IsAny<CancellationToken>())).ReturnsAsync("<QBXML/>");

        // Act
        var payload = await sut.Object.WaitForExternalEvent<string>("QbwcResponse", TimeSpan.FromMinutes(30));

        // Assert
        Assert.Equal("<QBXML/>", payload);
        Assert.True(timerToken.IsCancellationRequested);
    }

    [Fact]
    public async Task WaitForExternalEvent_TimerFiresFirst_CancelsTheWaitAndThrows()
    {
        // Arrange: the event task honours its token, as the real one does.
        var sut = CreateSut();
        sut.Setup(c => c.CreateTimer(Now.AddMinutes(30), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        sut.Setup(c => c.WaitForExternalEvent<string>("QbwcResponse", It.IsAny<CancellationToken>()))
            .Returns<string, CancellationToken>((_, token) => WaitUntilCancelledAsync(token));

        // Act / Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.Object.WaitForExternalEvent<string>("QbwcResponse", TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void CreateReplaySafeLogger_WhileReplaying_WritesNothing()
    {
        // Arrange
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var sut = CreateSut();
        sut.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(factory);
        var replaying = true;
        sut.SetupGet(c => c.IsReplaying).Returns(() => replaying);
        var logger = sut.Object.CreateReplaySafeLogger("SyncOrderToQboOrchestrator");

        // Act
#pragma warning disable CA1848 // A test of the logger itself.
        logger.LogInformation("replayed");
        replaying = false;
        logger.LogInformation("live");
#pragma warning restore CA1848

        // Assert
        Assert.Equal("live", Assert.Single(collector.GetSnapshot()).Message);
    }

    private static async Task<string> WaitUntilCancelledAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return "never";
    }

    private static Mock<TaskOrchestrationContext> CreateSut()
    {
        var sut = new Mock<TaskOrchestrationContext> { CallBase = true };
        sut.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        return sut;
    }
}
