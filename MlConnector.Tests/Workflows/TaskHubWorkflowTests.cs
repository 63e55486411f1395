using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;
using Newtonsoft.Json.Linq;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// The Core workflow contract on the standalone host's engine: the Durable Task Framework over a real Azurite task hub,
/// through <c>TaskHubWorkflowClient</c> and <c>TaskHubWorkflowContext</c>. Real time: retry intervals and timeouts are
/// seconds.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaskHubWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowProbe _probe = new();
    private readonly string _prefix = azurite.NewPrefix();
    private TaskHubTestHost _host = null!;

    private IWorkflowClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await TaskHubTestHost.StartAsync(azurite, _prefix, _probe);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartAsync_SameIdTwice_SecondIsDuplicateInEveryStateAndRunsNothing()
    {
        // Arrange
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:3001");
        var input = new OrderInput("c1", "3001");

        // Act
        var first = await Client.StartAsync(nameof(OrderSyncWorkflow), id, input);
        var whileRunning = await Client.StartAsync(nameof(OrderSyncWorkflow), id, input);
        var done = await WorkflowWait.ForAsync(Client, id);
        var afterCompletion = await Client.StartAsync(nameof(OrderSyncWorkflow), id, input with { OrderNumber = "other" });
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Assert
        Assert.Equal(new WorkflowStartResult(id, IsDuplicate: false, WorkflowRuntimeStatus.Pending), first);
        Assert.True(whileRunning.IsDuplicate);
        Assert.Equal(new WorkflowStartResult(id, IsDuplicate: true, WorkflowRuntimeStatus.Completed), afterCompletion);
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new OrderOutput("INV-3001", "TRK-3001"), done.ReadOutputAs<OrderOutput>());
        Assert.Equal(new ApprovalStatus("shipped"), done.ReadCustomStatusAs<ApprovalStatus>());
        Assert.Equal(input, (await Client.GetStatusAsync(id))!.ReadInputAs<OrderInput>());
        Assert.Equal("c1", done.ConnectionId);
        Assert.Equal(nameof(OrderSyncWorkflow), done.Name);
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.Equal(1, _probe.ShipAttempts);
    }

    [Fact]
    public async Task StartAsync_ConcurrentStartsOfOneId_ExactlyOneStartsAndItRunsOnce()
    {
        // Arrange: a burst of redelivered webhooks for one order.
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:3002");

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "3002")))));
        var done = await WorkflowWait.ForAsync(Client, id);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Assert
        Assert.Single(results, r => !r.IsDuplicate);
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.Equal(1, _probe.ShipAttempts);
    }

    [Fact]
    public async Task StartAsync_UnregisteredWorkflow_ThrowsArgumentExceptionAndStartsNothing()
    {
        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartAsync("NoSuchWorkflow", "kind:c1:x", new OrderInput("c1", "1")));

        // Assert
        Assert.Contains("NoSuchWorkflow", error.Message, StringComparison.Ordinal);
        Assert.Null(await Client.GetStatusAsync("kind:c1:x"));
    }

    [Fact]
    public async Task CallActivityAsync_TransientTwice_RetriesOnDurableTimersWithBackoffAndCompletes()
    {
        // Arrange
        _probe.ShipFailures.Enqueue(new ConnectorException("ups", ErrorKind.Transient, "UPS answered 503."));
        _probe.ShipFailures.Enqueue(new ConnectorException("ups", ErrorKind.Transient, "UPS answered 503."));
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "order:1001");
        var started = TimeProvider.System.GetUtcNow();

        // Act
        await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1001", RetrySeconds: 1));
        var done = await WorkflowWait.ForAsync(Client, id);

        // Assert: 1 s, then 2 s (coefficient 2) of durable timers between the three attempts.
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new OrderOutput("INV-1001", "TRK-1001"), done.ReadOutputAs<OrderOutput>());
        Assert.Equal(3, _probe.ShipAttempts);
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.True(done.LastUpdatedUtc - started >= TimeSpan.FromSeconds(3), $"Took {done.LastUpdatedUtc - started}.");
    }

    [Fact]
    public async Task CallActivityAsync_Validation_NotRetriedAndInstanceFailedWithKindAndMessage()
    {
        // Arrange
        _probe.ShipFailures.Enqueue(new ConnectorValidationException("ups", "Ship-to postal code 0000 is not valid.", field: "ShipTo.PostalCode"));
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "order:1002");

        // Act
        await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1002", RetrySeconds: 1));
        var status = await WorkflowWait.ForAsync(Client, id);

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(1, _probe.ShipAttempts);
        Assert.Equal(ErrorKind.Validation, status.Failure!.Kind);
        Assert.Contains("postal code 0000 is not valid", status.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ShipOrderActivity), status.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(WorkflowActivityFailedException).FullName, status.Failure.ErrorType);
        Assert.Null(status.SerializedOutput);
        Assert.Equal(new ApprovalStatus("invoiced"), status.ReadCustomStatusAs<ApprovalStatus>());
        Assert.Contains(await Client.ListFailedAsync("c1"), f => f.InstanceId == id && f.Failure!.Kind == ErrorKind.Validation);
        Assert.DoesNotContain(await Client.ListFailedAsync("c2"), f => f.InstanceId == id);
        Assert.DoesNotContain(await Client.ListAsync(WorkflowRuntimeStatus.Completed), f => f.InstanceId == id);
    }

    [Fact]
    public async Task ReplayAsync_AfterCauseFixed_CompletesUnderReplayIdWithoutRepeatingSideEffects()
    {
        // Arrange: the invoice is created, then shipping fails permanently.
        _probe.ShipFailures.Enqueue(new ConnectorValidationException("ups", "Service code 99 is not mapped."));
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:1003");
        await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1003"));
        Assert.Equal(WorkflowRuntimeStatus.Failed, (await WorkflowWait.ForAsync(Client, id)).RuntimeStatus);

        // Act: the mapping is fixed (no more scripted failures) and the operator replays the instance, twice.
        var replay = await Client.ReplayAsync(id);
        var replayed = await WorkflowWait.ForAsync(Client, replay.InstanceId);
        var again = await Client.ReplayAsync(id);

        // Assert
        Assert.False(replay.IsDuplicate);
        Assert.Equal(id + ":r1", replay.InstanceId);
        Assert.Equal(WorkflowRuntimeStatus.Completed, replayed.RuntimeStatus);
        Assert.Equal(id, replayed.ReplayOf);
        Assert.Equal(new OrderInput("c1", "1003"), replayed.ReadInputAs<OrderInput>());
        Assert.True(again.IsDuplicate);
        Assert.Equal(replay.InstanceId, (await Client.GetStatusAsync(id))!.ReplayedBy);
        Assert.Equal(1, _probe.InvoiceSideEffects);
        Assert.Equal(2, _probe.InvoiceCalls);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.ReplayAsync(replay.InstanceId));
    }

    [Fact]
    public async Task WaitForExternalEventAsync_EventRaisedWhileWaiting_IsDeliveredAndStatusNamesTheStep()
    {
        // Arrange
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:2001");
        await Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "2001", TimeoutSeconds: 120));
        await WorkflowWait.UntilAsync(async () => (await Client.GetStatusAsync(id))?.ReadCustomStatusAs<ApprovalStatus>() == new ApprovalStatus("awaiting-approval"));

        // Act: names compare case-insensitively, as in Durable.
        await Client.RaiseEventAsync(id, "APPROVAL", new ApprovalDecision("ops@acme.test"));
        var done = await WorkflowWait.ForAsync(Client, id);

        // Assert
        Assert.Equal("approved-by:ops@acme.test", done.ReadOutputAs<string>());
        Assert.Equal(new ApprovalStatus("approved"), done.ReadCustomStatusAs<ApprovalStatus>());
    }

    [Fact]
    public async Task WaitForExternalEventAsync_EventRaisedBeforeTheWait_IsKeptAndDelivered()
    {
        // Arrange: the workflow calls an activity before it waits; the activity is held until the event is in.
        _probe.ShipGate = null;
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:2002");
        await Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "2002", TimeoutSeconds: 120, CallActivityFirst: true));

        // Act
        await Client.RaiseEventAsync(id, ApprovalWorkflow.EventName, new ApprovalDecision("early@acme.test"));
        var done = await WorkflowWait.ForAsync(Client, id);

        // Assert
        Assert.Equal("approved-by:early@acme.test", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEventAsync_NoEventWithinTimeout_ThrowsTimeoutExceptionTheWorkflowHandles()
    {
        // Arrange
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:2003");

        // Act
        await Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "2003", TimeoutSeconds: 2));
        var done = await WorkflowWait.ForAsync(Client, id);
        await Client.RaiseEventAsync(id, ApprovalWorkflow.EventName, new ApprovalDecision("late@acme.test"));

        // Assert: the late event is discarded, the outcome stands.
        Assert.Equal("timed-out", done.ReadOutputAs<string>());
        Assert.Equal(new ApprovalStatus("expired"), done.ReadCustomStatusAs<ApprovalStatus>());
        Assert.Equal("timed-out", (await Client.GetStatusAsync(id))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsInvalidOperationException()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RaiseEventAsync("kind:c1:none", "approval"));
        Assert.Contains("kind:c1:none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTimer_FireTimeReached_ResumesWithHistoryTimeAndDeterministicGuid()
    {
        // Arrange
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "reminder:1");

        // Act
        await Client.StartAsync(nameof(ReminderWorkflow), id, new ReminderInput(DelaySeconds: 2));
        var done = await WorkflowWait.ForAsync(Client, id);

        // Assert: time after the timer is the timer's fire time from history; the GUID taken before it survived the replay.
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<ReminderOutput>()!;
        Assert.True(output.FiredUtc - output.StartedUtc >= TimeSpan.FromSeconds(2), $"Resumed after {output.FiredUtc - output.StartedUtc}.");
        Assert.NotEqual(Guid.Empty, output.Marker);

        // One timer message, not a timer per episode until the fire time (a 2 s timer's message, delayed in whole seconds,
        // used to become visible a second early and re-arm the rest at once, dozens of times). A second timer only if the
        // first still resumed early.
        Assert.InRange(await CountHistoryEventsAsync(id, EventType.TimerFired), 1, 2);
    }

    [Fact]
    public async Task ListAsync_ByStatusAndConnection_ReturnsOnlyMatches()
    {
        // Arrange
        var c1 = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:4001");
        var c2 = WorkflowInstanceId.For("shipstation-qbo", "c2", "order:4002");
        await Client.StartAsync(nameof(OrderSyncWorkflow), c1, new OrderInput("c1", "4001"));
        await Client.StartAsync(nameof(OrderSyncWorkflow), c2, new OrderInput("c2", "4002"));
        await WorkflowWait.ForAsync(Client, c1);
        await WorkflowWait.ForAsync(Client, c2);

        // Act
        var completedC1 = await Client.ListAsync(WorkflowRuntimeStatus.Completed, "c1");
        var all = await Client.ListAsync();

        // Assert
        Assert.Equal([c1], completedC1.Select(s => s.InstanceId));
        Assert.Contains(all, s => s.InstanceId == c2);
        Assert.Empty(await Client.ListAsync(WorkflowRuntimeStatus.Failed));
    }

    [Fact]
    public async Task Worker_StoppedMidActivity_AnotherProcessOnTheHubCompletesTheInstanceOnce()
    {
        // Arrange: the ship step is held open while the first "process" stops without waiting for it.
        _probe.ShipGate = new TaskCompletionSource();
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "order:5001");
        await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "5001"));
        await _probe.ShipEntered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // Act
        await _host.AbortAsync();
        _probe.ShipGate = null;
        await using var second = await TaskHubTestHost.StartAsync(azurite, _prefix, _probe);
        var done = await WorkflowWait.ForAsync(second.Client, id);

        // Assert: the abandoned attempt ran again on the second process; the invoice was created once.
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, _probe.InvoiceSideEffects);
        Assert.True(_probe.ShipAttempts >= 2);
    }

    /// <summary>How many events of <paramref name="type"/> the instance's history holds (the framework's JSON dump of it).</summary>
    private async Task<int> CountHistoryEventsAsync(string instanceId, EventType type)
    {
        var service = _host.Services.GetRequiredService<AzureStorageOrchestrationService>();
        var state = (await service.GetOrchestrationStateAsync(instanceId, allExecutions: false)).Single();
        var history = JArray.Parse(await service.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId));
        return history.Count(e => e[nameof(HistoryEvent.EventType)]?.ToString() is { } value
            && (value == ((int)type).ToString(CultureInfo.InvariantCulture) || value == type.ToString()));
    }
}
