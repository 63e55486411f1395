using Microsoft.DurableTask.Client;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Workflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// <see cref="DurableWorkflowClient"/> over the real engine's <see cref="DurableTaskClient"/>: deterministic instance
/// ids deduplicate in every state (Durable alone would overwrite a finished instance), and a failed instance is
/// replayed once under <c>{id}:r1</c> with its original input.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public class DurableWorkflowClientOnEngineTests(DurableEngineFixture engine)
{
    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running, WorkflowRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed, WorkflowRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed, WorkflowRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated, WorkflowRuntimeStatus.Failed)]
    public async Task StartAsync_SameIdAgain_IsADuplicateThatRunsNothing(OrchestrationRuntimeStatus state, WorkflowRuntimeStatus expected)
    {
        // Arrange: bring the instance into the state.
        var id = $"engine:duplicate:{state}";
        var input = new StepInput(state.ToString(), MaxAttempts: 1, FirstRetryMilliseconds: 50);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = state switch
        {
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Terminated => engine.Script.WaitsFor(id, StepWorkflow.Activity, gate.Task, "created"),
            OrchestrationRuntimeStatus.Failed => engine.Script.Throws(id, StepWorkflow.Activity, new ConnectorValidationException("qbo", "Invalid order.")),
            _ => engine.Script.Returns(id, StepWorkflow.Activity, "created"),
        };
        var first = await engine.Workflows.StartAsync(nameof(StepWorkflow), id, input);
        await engine.Script.WaitForAttemptsAsync(id, StepWorkflow.Activity, 1, DurableEngineFixture.Patience);
        if (state == OrchestrationRuntimeStatus.Terminated)
        {
            await engine.Client.TerminateInstanceAsync(id);
        }

        var before = state == OrchestrationRuntimeStatus.Running
            ? await engine.Client.GetInstanceAsync(id)
            : await engine.WaitForCompletionAsync(id);
        Assert.Equal(state, before!.RuntimeStatus);

        // Act
        var second = await engine.Workflows.StartAsync(nameof(StepWorkflow), id, input with { RecordId = "started-twice" });

        // Assert: the existing instance is reported and left alone; the activity ran once.
        Assert.False(first.IsDuplicate);
        Assert.True(second.IsDuplicate);
        Assert.Equal(id, second.InstanceId);
        Assert.Equal(expected, second.Status);
        gate.SetResult();
        var after = await engine.WaitForCompletionAsync(id);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Single(engine.Script.Attempts(id, StepWorkflow.Activity));
        Assert.DoesNotContain("started-twice", after.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_FailedOrder_StartsReplayOneWithTheOriginalInputAndASecondReplayIsADuplicate()
    {
        // Arrange: the order fails validation; once the mapping is fixed its replay goes through.
        var order = new OrderSnapshotRef("acme-store", "engine-2001", 77201);
        var id = ShipStationQboKeys.OrderInstance(order.ConnectionId, order.OrderNumber);
        var replayId = WorkflowInstanceId.ForReplay(id, 1);
        engine.Script
            .Throws(id, nameof(QboCheckOrderActivity), new ConnectorValidationException("qbo", "SKU WIDGET-9 has no QBO item."))
            .Returns(replayId, nameof(QboCheckOrderActivity), new OrderCheck(null))
            .Returns(replayId, nameof(QboEnsureCustomerActivity), "58")
            .Returns(replayId, nameof(QboCreateInvoiceActivity), new InvoiceResult("147", Created: true));
        await engine.Workflows.StartAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), id, order);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await engine.WaitForCompletionAsync(id)).RuntimeStatus);

        // Act
        var replay = await engine.Workflows.ReplayAsync(id);
        var replayed = await engine.WaitForCompletionAsync(replayId);
        var again = await engine.Workflows.ReplayAsync(id);

        // Assert
        Assert.False(replay.IsDuplicate);
        Assert.Equal(id + ":r1", replay.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, replayed.RuntimeStatus);
        Assert.Equal(nameof(ShipStationOrderToQboInvoiceOrchestrator), replayed.Name);
        var original = Assert.Single(engine.Script.Attempts(id, nameof(QboCheckOrderActivity)));
        Assert.Equal(original.InputJson, Assert.Single(engine.Script.Attempts(replayId, nameof(QboCheckOrderActivity))).InputJson);
        var status = await engine.Workflows.GetStatusAsync(replayId);
        Assert.Equal(id, status!.ReplayOf);
        Assert.Equal("""{"connectionId":"acme-store","orderNumber":"engine-2001","orderId":77201}""", status.SerializedInput);
        Assert.True(again.IsDuplicate);
        Assert.Equal(replayId, again.InstanceId);
        Assert.Equal(WorkflowRuntimeStatus.Completed, again.Status);
    }

    [Fact]
    public async Task ListAsync_FailedForAConnection_ReturnsItsFailedInstancesOnly()
    {
        // Arrange
        const string failedId = "engine:listing-a:failed";
        const string otherId = "engine:listing-b:failed";
        foreach (var id in new[] { failedId, otherId })
        {
            engine.Script.Throws(id, StepWorkflow.Activity, new ConnectorValidationException("qbo", "Invalid order."));
            await engine.Workflows.StartAsync(nameof(StepWorkflow), id, new StepInput(id, MaxAttempts: 1, FirstRetryMilliseconds: 50));
            await engine.WaitForCompletionAsync(id);
        }

        // Act
        var failed = await engine.Workflows.ListFailedAsync("listing-a");

        // Assert
        var instance = Assert.Single(failed);
        Assert.Equal(failedId, instance.InstanceId);
        Assert.Equal(nameof(StepWorkflow), instance.Name);
        Assert.Equal(ErrorKind.Validation, instance.Failure!.Kind);
    }
}
