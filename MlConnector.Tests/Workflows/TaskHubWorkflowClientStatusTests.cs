using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// The standalone host's workflow client reads an instance's status with a point read of the task hub's Instances row,
/// and asks the framework instead when the id holds a character the framework escapes in its keys (<c>^</c>): both give
/// the same answers to starts, duplicate starts and events, on the real Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaskHubWorkflowClientStatusTests(AzuriteFixture azurite)
{
    private readonly SessionProbe _probe = new();
    private readonly string _prefix = azurite.NewPrefix();

    [Theory]
    [InlineData("qbo-ups:c1:steps-plain")]
    [InlineData("qbo-ups:c1:steps^escaped^^")]
    public async Task StartAsync_ThenDuplicatesWhileRunningAndAfterCompletion_SeeTheInstanceInItsState(string id)
    {
        // Arrange: the second step is held, so the instance is running while the duplicate arrives.
        _probe.GatedStep = 2;
        _probe.Gate = new TaskCompletionSource();
        await using var host = await TaskHubTestHost.StartAsync(azurite, _prefix, new WorkflowProbe(), services =>
        {
            services.AddSingleton(_probe);
            services.AddWorkflow<StepsWorkflow>();
            services.AddWorkflowActivity<StepActivity>();
        });

        // Act
        var first = await host.Client.StartAsync(nameof(StepsWorkflow), id, new StepsInput(3));
        await _probe.GatedStepEntered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var whileRunning = await host.Client.StartAsync(nameof(StepsWorkflow), id, new StepsInput(3));
        _probe.Gate.SetResult();
        var done = await WorkflowWait.ForAsync(host.Client, id);
        var afterCompletion = await host.Client.StartAsync(nameof(StepsWorkflow), id, new StepsInput(3));
        await host.Client.RaiseEventAsync(id, "ignored");

        // Assert: one run; each duplicate saw the instance's state; an event to a completed instance is discarded.
        Assert.False(first.IsDuplicate);
        Assert.True(whileRunning.IsDuplicate);
        Assert.Equal(WorkflowRuntimeStatus.Running, whileRunning.Status);
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(afterCompletion.IsDuplicate);
        Assert.Equal(WorkflowRuntimeStatus.Completed, afterCompletion.Status);
        Assert.Equal(1, _probe.WorkflowEntries);
        Assert.Equal(1, _probe.StepRuns[1]);
    }
}
