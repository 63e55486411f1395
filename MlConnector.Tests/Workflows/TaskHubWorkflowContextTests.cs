using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Cli.Serve.TaskHub;
using MlConnector.Core.Workflows.Engines;
using Moq;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// How <see cref="TaskHubWorkflowContext.CreateTimer"/> arms the framework's timers. A mocked
/// <see cref="OrchestrationContext"/> because the exact sequence of armed timers is the point: each one is a queue message
/// and an orchestration episode. The engine-level behaviour (fires not early, one timer) is in <see cref="TaskHubWorkflowTests"/>.
/// </summary>
public sealed class TaskHubWorkflowContextTests
{
    private static readonly DateTime Start = new(2026, 12, 7, 3, 0, 0, 250, DateTimeKind.Utc);
    private readonly Mock<OrchestrationContext> _engine = new();
    private readonly List<DateTime> _armed = [];

    [Fact]
    public async Task CreateTimer_MessageVisibleOnTime_ArmsOneTimerASecondAfterTheFireTime()
    {
        // Arrange: the timer's episode starts at the fire time or later (its message became visible on time).
        var fireAt = Start.AddSeconds(2.5);
        var sut = CreateSut(resumeAt: [fireAt.AddMilliseconds(400)]);

        // Act
        await sut.CreateTimer(fireAt, CancellationToken.None);

        // Assert
        Assert.Equal([fireAt + TaskHubWorkflowContext.QueueDelayGranularity], _armed);
    }

    [Fact]
    public async Task CreateTimer_ResumedEarly_ArmsTheNextASecondAfterTheFireTimeNotForTheRest()
    {
        // Arrange: the first timer's episode starts 3 ms before the fire time (a storage clock behind this machine's).
        // Arming the rest (3 ms) would be visible at once and start the next episode at once: a spin of timers.
        var fireAt = Start.AddSeconds(10);
        var sut = CreateSut(resumeAt: [fireAt.AddMilliseconds(-3), fireAt.AddMilliseconds(900)]);

        // Act
        await sut.CreateTimer(fireAt, CancellationToken.None);

        // Assert
        Assert.Equal([fireAt.AddSeconds(1), fireAt.AddSeconds(1)], _armed);
    }

    private TaskHubWorkflowContext CreateSut(DateTime[] resumeAt)
    {
        var now = Start;
        var resumes = new Queue<DateTime>(resumeAt);
        _engine.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        _engine.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), true, It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, bool state, CancellationToken _) =>
            {
                _armed.Add(fireAt);
                now = resumes.Dequeue();
                return Task.FromResult(state);
            });
        return new TaskHubWorkflowContext(_engine.Object, "TimerWorkflow", new WorkflowEnvelope(null, "kind:c1:timer", 0, null), NullLoggerFactory.Instance);
    }
}
