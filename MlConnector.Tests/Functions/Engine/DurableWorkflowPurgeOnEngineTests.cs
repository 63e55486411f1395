using Microsoft.DurableTask.Client;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Workflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// The retention purge on the Functions host's engine: <c>DurableWorkflowClient.PurgeCompletedAsync</c> over the real
/// engine's <see cref="DurableTaskClient"/> (<c>PurgeInstanceAsync</c> per completed instance) purges only completed instances
/// and leaves running, failed and terminated ones (Terminated is this product's Failed).
/// </summary>
[Collection(DurableEngineCollection.Name)]
public class DurableWorkflowPurgeOnEngineTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task PurgeCompletedAsync_MixOfStatuses_PurgesTheCompletedAndKeepsRunningFailedAndTerminated()
    {
        // Arrange: the engine runs as many activities at once as the machine has cores (two on CI), so the completed and
        // failed instances finish before any gated activity takes a slot, and the terminated one gives its slot back.
        var completed = "engine:purge:completed";
        var running = "engine:purge:running";
        var failed = "engine:purge:failed";
        var terminated = "engine:purge:terminated";
        var runningGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var terminatedGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Script.Returns(completed, StepWorkflow.Activity, "created");
        engine.Script.Throws(failed, StepWorkflow.Activity, new ConnectorValidationException("qbo", "Invalid order."));
        engine.Script.WaitsFor(running, StepWorkflow.Activity, runningGate.Task, "created");
        engine.Script.WaitsFor(terminated, StepWorkflow.Activity, terminatedGate.Task, "created");
        try
        {
            foreach (var id in new[] { completed, failed })
            {
                await engine.Workflows.StartAsync(nameof(StepWorkflow), id, new StepInput(id, MaxAttempts: 1, FirstRetryMilliseconds: 50));
            }

            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.WaitForCompletionAsync(completed)).RuntimeStatus);
            Assert.Equal(OrchestrationRuntimeStatus.Failed, (await engine.WaitForCompletionAsync(failed)).RuntimeStatus);
            await engine.Workflows.StartAsync(nameof(StepWorkflow), terminated, new StepInput(terminated, MaxAttempts: 1, FirstRetryMilliseconds: 50));
            await engine.Script.WaitForAttemptsAsync(terminated, StepWorkflow.Activity, 1, DurableEngineFixture.Patience);
            await engine.Client.TerminateInstanceAsync(terminated);
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await engine.WaitForCompletionAsync(terminated)).RuntimeStatus);
            terminatedGate.SetResult();
            await engine.Workflows.StartAsync(nameof(StepWorkflow), running, new StepInput(running, MaxAttempts: 1, FirstRetryMilliseconds: 50));
            await engine.Script.WaitForAttemptsAsync(running, StepWorkflow.Activity, 1, DurableEngineFixture.Patience);

            // Act
            await engine.Workflows.PurgeCompletedAsync(TimeProvider.System.GetUtcNow().AddHours(-1), maxInstances: 1000);
            var keptWhileRecent = await engine.Client.GetInstanceAsync(completed) is not null;
            var result = await engine.Workflows.PurgeCompletedAsync(TimeProvider.System.GetUtcNow().AddSeconds(5), maxInstances: 1000);
            var statuses = new Dictionary<string, WorkflowRuntimeStatus?>();
            foreach (var id in new[] { completed, running, failed, terminated })
            {
                statuses[id] = (await engine.Workflows.GetStatusAsync(id))?.RuntimeStatus;
            }

            runningGate.SetResult();

            // Assert: other tests of the collection may have left completed instances, so only this test's are counted.
            Assert.True(keptWhileRecent);
            Assert.True(result.Instances >= 1);
            Assert.Equal(0, result.Rows);
            Assert.Null(statuses[completed]);
            Assert.Equal(WorkflowRuntimeStatus.Running, statuses[running]);
            Assert.Equal(WorkflowRuntimeStatus.Failed, statuses[failed]);
            Assert.Equal(WorkflowRuntimeStatus.Failed, statuses[terminated]);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.WaitForCompletionAsync(running)).RuntimeStatus);
        }
        finally
        {
            runningGate.TrySetResult();
            terminatedGate.TrySetResult();
        }
    }
}
