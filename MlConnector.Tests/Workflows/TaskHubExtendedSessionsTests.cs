using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Serve.TaskHub;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// DTFx extended sessions on the standalone host's task hub (<see cref="TaskHubOptions.ExtendedSessions"/>) over the real
/// Azurite: a loaded instance runs its next episodes from memory instead of replaying from the History table, and a
/// process that dies loses nothing (the next one loads the history again).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaskHubExtendedSessionsTests(AzuriteFixture azurite)
{
    private const int Steps = 5;

    private readonly SessionProbe _probe = new();
    private readonly WorkflowProbe _workflowProbe = new();
    private readonly string _prefix = azurite.NewPrefix();

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, Steps + 1)]
    public async Task ExtendedSessions_ManyStepWorkflow_CompletesAndReplaysFromHistoryOnlyWithoutSessions(bool extendedSessions, int expectedEntries)
    {
        // Arrange
        await using var host = await StartAsync(extendedSessions);
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "steps:" + extendedSessions);

        // Act
        await host.Client.StartAsync(nameof(StepsWorkflow), id, new StepsInput(Steps));
        var done = await WorkflowWait.ForAsync(host.Client, id);

        // Assert: six episodes (the start and five results). With sessions the code was entered from its first line once
        // (the instance stayed loaded); without them once per episode (each replayed the history it read).
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Steps * (Steps + 1) / 2, done.ReadOutputAs<int>());
        Assert.Equal(expectedEntries, _probe.WorkflowEntries);
        Assert.All(Enumerable.Range(1, Steps), step => Assert.Equal(1, _probe.StepRuns[step]));
    }

    [Fact]
    public async Task ExtendedSessions_WorkerStoppedMidWorkflow_NextProcessLoadsTheHistoryAndFinishesEachStepOnce()
    {
        // Arrange: step 3 is held open while the first "process" stops without waiting for it.
        _probe.GatedStep = 3;
        _probe.Gate = new TaskCompletionSource();
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "steps:kill");
        var first = await StartAsync(extendedSessions: true);
        await first.Client.StartAsync(nameof(StepsWorkflow), id, new StepsInput(Steps));
        await _probe.GatedStepEntered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var entriesBeforeStop = _probe.WorkflowEntries;

        // Act
        await first.AbortAsync();
        _probe.Gate = null;
        await using var second = await StartAsync(extendedSessions: true);
        var done = await WorkflowWait.ForAsync(second.Client, id);

        // Assert: the session of the first process held the instance without replays; the second process had no
        // session, so it replayed the history it loaded; steps 1 and 2 were not run again, step 3 ran again.
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Steps * (Steps + 1) / 2, done.ReadOutputAs<int>());
        Assert.Equal(1, entriesBeforeStop);
        Assert.True(_probe.WorkflowEntries >= 2, $"entries {_probe.WorkflowEntries}");
        Assert.Equal(1, _probe.StepRuns[1]);
        Assert.Equal(1, _probe.StepRuns[2]);
        Assert.True(_probe.StepRuns[3] >= 2, $"step 3 ran {_probe.StepRuns[3]} times");
        Assert.Equal(1, _probe.StepRuns[Steps]);
        await first.DisposeAsync();
    }

    private Task<TaskHubTestHost> StartAsync(bool extendedSessions) =>
        TaskHubTestHost.StartAsync(azurite, _prefix, _workflowProbe, services =>
        {
            services.AddSingleton(_probe);
            services.AddWorkflow<StepsWorkflow>();
            services.AddWorkflowActivity<StepActivity>();
            services.Configure<TaskHubOptions>(o => o.ExtendedSessions = extendedSessions);
        });
}
