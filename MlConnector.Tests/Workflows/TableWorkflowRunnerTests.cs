using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TableWorkflowRunnerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly WorkflowProbe _probe = new();
    private readonly List<WorkflowTestHost> _hosts = [];
    private TableProvider _tables = null!;

    public Task InitializeAsync()
    {
        _tables = azurite.NewTables();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunDueAsync_ActivityFailsTransientlyTwice_RetriesWithBackoffAndCompletes()
    {
        // Arrange
        var sut = CreateSut();
        _probe.ShipFailures.Enqueue(new ConnectorException("ups", ErrorKind.Transient, "UPS answered 503."));
        _probe.ShipFailures.Enqueue(new ConnectorException("ups", ErrorKind.Transient, "UPS answered 503."));
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "order:1001");
        await sut.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1001"));

        // Act + Assert: attempt 1 fails; the retry waits 10 s on a durable timer.
        Assert.Equal(1, await sut.Runner.RunDueAsync());
        Assert.Equal(1, _probe.ShipAttempts);
        Assert.Equal(WorkflowRuntimeStatus.Running, (await sut.Client.GetStatusAsync(id))!.RuntimeStatus);

        _time.Advance(TimeSpan.FromSeconds(10));
        await sut.Runner.RunDueAsync();
        Assert.Equal(2, _probe.ShipAttempts);

        // Backoff coefficient 2: the second retry waits 20 s, so nothing runs after 10 s.
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await sut.Runner.RunDueAsync());
        Assert.Equal(2, _probe.ShipAttempts);

        _time.Advance(TimeSpan.FromSeconds(10));
        await sut.Runner.RunDueAsync();

        var status = await sut.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal(new OrderOutput("INV-1001", "TRK-1001"), status.ReadOutputAs<OrderOutput>());
        Assert.Equal(3, _probe.ShipAttempts);
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.Null(status.Failure);
    }

    [Fact]
    public async Task RunDueAsync_ActivityFailsValidation_NotRetriedAndInstanceFailedWithKindAndMessage()
    {
        // Arrange
        var sut = CreateSut();
        _probe.ShipFailures.Enqueue(new ConnectorValidationException("ups", "Ship-to postal code 0000 is not valid.", field: "ShipTo.PostalCode"));
        var id = WorkflowInstanceId.For("qbo-ups", "c1", "order:1002");
        await sut.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1002", MaxAttempts: 5));

        // Act
        await sut.Runner.RunDueAsync();
        _time.Advance(TimeSpan.FromHours(1));
        var laterRuns = await sut.Runner.RunDueAsync();

        // Assert
        Assert.Equal(0, laterRuns);
        Assert.Equal(1, _probe.ShipAttempts);
        var status = await sut.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal(ErrorKind.Validation, status.Failure!.Kind);
        Assert.Contains("postal code 0000 is not valid", status.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ShipOrderActivity), status.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(ConnectorValidationException).FullName, status.Failure.ErrorType);
        Assert.Null(status.SerializedOutput);

        var failed = await sut.Client.ListFailedAsync();
        Assert.Contains(failed, f => f.InstanceId == id && f.Failure!.Kind == ErrorKind.Validation);
        Assert.Contains(await sut.Client.ListFailedAsync("c1"), f => f.InstanceId == id);
        Assert.DoesNotContain(await sut.Client.ListFailedAsync("c2"), f => f.InstanceId == id);
    }

    [Fact]
    public async Task ReplayAsync_AfterCauseFixed_CompletesWithoutRepeatingCompletedSideEffects()
    {
        // Arrange: the invoice is created, then shipping fails permanently.
        var sut = CreateSut();
        _probe.ShipFailures.Enqueue(new ConnectorValidationException("ups", "Service code 99 is not mapped."));
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:1003");
        await sut.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1003"));
        await sut.Runner.RunDueAsync();
        Assert.Equal(WorkflowRuntimeStatus.Failed, (await sut.Client.GetStatusAsync(id))!.RuntimeStatus);
        Assert.Equal(1, _probe.InvoiceSideEffects);

        // Act: the mapping is fixed (no more scripted failures) and the operator replays the instance.
        var replay = await sut.Client.ReplayAsync(id);
        await sut.Runner.RunDueAsync();

        // Assert
        Assert.False(replay.IsDuplicate);
        Assert.Equal(id + ":r1", replay.InstanceId);
        var status = await sut.Client.GetStatusAsync(replay.InstanceId);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal(new OrderOutput("INV-1003", "TRK-1003"), status.ReadOutputAs<OrderOutput>());
        Assert.Equal(new OrderInput("c1", "1003"), status.ReadInputAs<OrderInput>());
        Assert.Equal(id, status.ReplayOf);
        Assert.Equal("c1", status.ConnectionId);
        Assert.Equal(replay.InstanceId, (await sut.Client.GetStatusAsync(id))!.ReplayedBy);
        Assert.Equal(2, _probe.InvoiceCalls);
        Assert.Equal(1, _probe.InvoiceSideEffects);

        var again = await sut.Client.ReplayAsync(id);
        Assert.True(again.IsDuplicate);
        Assert.Equal(replay.InstanceId, again.InstanceId);
        Assert.Equal(WorkflowRuntimeStatus.Completed, again.Status);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.Client.ReplayAsync(replay.InstanceId));
        Assert.Contains("only a Failed instance can be replayed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDueAsync_RunnerKilledMidWorkflow_NewRunnerCompletesInstanceOnce()
    {
        // Arrange: the second activity blocks until the test lets it go.
        var first = CreateSut();
        _probe.ShipGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:1004");
        await first.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1004"));
        var firstRun = first.Runner.RunDueAsync();
        await _probe.ShipEntered.Task.WaitAsync(TestTimeout);

        // Act: kill the first runner mid-step, then start a new runner over the same tables.
        await first.DisposeAsync();
        await firstRun.WaitAsync(TestTimeout);
        var midway = await CreateSut().Client.GetStatusAsync(id);
        _probe.ShipGate = null;
        var second = CreateSut();
        var runs = await second.Runner.RunDueAsync();
        var runsAfter = await second.Runner.RunDueAsync();

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Running, midway!.RuntimeStatus);
        Assert.Equal(1, runs);
        Assert.Equal(0, runsAfter);
        var status = await second.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal(new OrderOutput("INV-1004", "TRK-1004"), status.ReadOutputAs<OrderOutput>());
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.Equal(1, _probe.InvoiceSideEffects);
        Assert.Equal(2, _probe.ShipAttempts);
    }

    [Fact]
    public async Task RunDueAsync_InstanceLeasedByAnotherRunner_WaitsForLeaseToExpire()
    {
        // Arrange: a runner that died holding the instance (its lease is on the row, nothing renews it).
        var sut = CreateSut();
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:1005");
        await sut.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1005"));
        var store = new WorkflowStore(_tables);
        var row = (await store.GetInstanceAsync(id))!;
        row.LeaseOwner = "dead-runner/1";
        row.LeaseExpiresUtc = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
        Assert.True(await store.TryReplaceInstanceAsync(row));

        // Act
        var whileLeased = await sut.Runner.RunDueAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var afterExpiry = await sut.Runner.RunDueAsync();

        // Assert
        Assert.Equal(0, whileLeased);
        Assert.Equal(1, afterExpiry);
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await sut.Client.GetStatusAsync(id))!.RuntimeStatus);
        Assert.Equal(1, _probe.InvoiceCalls);
    }

    [Fact]
    public async Task RunDueAsync_LeaseTakenOverWhileActivityRuns_StaleRunnerWritesNothing()
    {
        // Arrange: runner A is inside the ship step when runner B (simulated) takes the instance over.
        var stale = CreateSut();
        _probe.ShipGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:1006");
        await stale.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1006"));
        var staleRun = stale.Runner.RunDueAsync();
        await _probe.ShipEntered.Task.WaitAsync(TestTimeout);
        var store = new WorkflowStore(_tables);
        var row = (await store.GetInstanceAsync(id))!;
        var historyBefore = row.HistoryCount;
        row.LeaseOwner = "runner-b/1";
        row.LeaseExpiresUtc = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
        Assert.True(await store.TryReplaceInstanceAsync(row));

        // Act: the stale runner's activity finishes and it tries to record the result.
        _probe.ShipGate.SetResult();
        await staleRun.WaitAsync(TestTimeout);

        // Assert: nothing was written; the instance is still the other runner's.
        var after = (await store.GetInstanceAsync(id))!;
        Assert.Equal(historyBefore, after.HistoryCount);
        Assert.Equal("runner-b/1", after.LeaseOwner);
        Assert.Equal(WorkflowRuntimeStatus.Running, after.RuntimeStatus);
        Assert.Contains(stale.Logs.GetSnapshot(), r => r.Id.Name == "WorkflowLeaseLost");

        // And once that lease expires, a runner completes it with the invoice step replayed, not re-run.
        _time.Advance(TimeSpan.FromMinutes(1));
        await CreateSut().Runner.RunDueAsync();
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await store.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.Equal(2, _probe.ShipAttempts);
    }

    [Fact]
    public async Task WaitForExternalEventAsync_EventRaisedWhileWaiting_IsDeliveredAndCustomStatusVisible()
    {
        // Arrange
        var sut = CreateSut();
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:2001");
        await sut.Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "2001", TimeoutMinutes: 60));
        await sut.Runner.RunDueAsync();
        var waiting = await sut.Client.GetStatusAsync(id);

        // Act
        await sut.Client.RaiseEventAsync(id, ApprovalWorkflow.EventName, new ApprovalDecision("ops@example.com"));
        var runs = await sut.Runner.RunDueAsync();

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Running, waiting!.RuntimeStatus);
        Assert.Equal(new ApprovalStatus("awaiting-approval"), waiting.ReadCustomStatusAs<ApprovalStatus>());
        Assert.Equal(1, runs);
        var status = await sut.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal("approved-by:ops@example.com", status.ReadOutputAs<string>());
        Assert.Equal(new ApprovalStatus("approved"), status.ReadCustomStatusAs<ApprovalStatus>());

        // The workflow ran twice (wait, then replay to completion) but its replay-safe logger wrote once.
        Assert.Single(sut.Logs.GetSnapshot(), r => r.Id.Name == "ApprovalRequested");
    }

    [Fact]
    public async Task WaitForExternalEventAsync_EventRaisedBeforeTheWait_IsKeptAndDelivered()
    {
        // Arrange: the event arrives before the runner has even started the instance.
        var sut = CreateSut();
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:2002");
        await sut.Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "2002", TimeoutMinutes: 60, CallActivityFirst: true));
        await sut.Client.RaiseEventAsync(id, ApprovalWorkflow.EventName, new ApprovalDecision("early"));

        // Act
        await sut.Runner.RunDueAsync();

        // Assert
        var status = await sut.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal("approved-by:early", status.ReadOutputAs<string>());
        Assert.Equal(1, _probe.InvoiceCalls);
    }

    [Fact]
    public async Task WaitForExternalEventAsync_NoEventWithinTimeout_ThrowsTimeoutExceptionTheWorkflowHandles()
    {
        // Arrange
        var sut = CreateSut();
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:2003");
        await sut.Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "2003", TimeoutMinutes: 30));
        await sut.Runner.RunDueAsync();

        // Act
        _time.Advance(TimeSpan.FromMinutes(29));
        var beforeTimeout = await sut.Runner.RunDueAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await sut.Runner.RunDueAsync();

        // Assert
        Assert.Equal(0, beforeTimeout);
        var status = await sut.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal("timed-out", status.ReadOutputAs<string>());
        Assert.Equal(new ApprovalStatus("expired"), status.ReadCustomStatusAs<ApprovalStatus>());

        // A late event is discarded, as Durable does for a finished instance.
        await sut.Client.RaiseEventAsync(id, ApprovalWorkflow.EventName, new ApprovalDecision("late"));
        Assert.Contains(sut.Logs.GetSnapshot(), r => r.Id.Name == "WorkflowEventDiscarded");
    }

    [Fact]
    public async Task CreateTimer_FireTimeReached_WorkflowResumesAtThatTime()
    {
        // Arrange
        var sut = CreateSut();
        var start = _time.GetUtcNow().UtcDateTime;
        var id = WorkflowInstanceId.For("qbo-sps", "c1", "poll:1");
        await sut.Client.StartAsync(nameof(ReminderWorkflow), id, new ReminderInput(DelayMinutes: 60));
        await sut.Runner.RunDueAsync();

        // Act
        _time.Advance(TimeSpan.FromMinutes(59));
        var early = await sut.Runner.RunDueAsync();
        var earlyStatus = await sut.Client.GetStatusAsync(id);
        _time.Advance(TimeSpan.FromMinutes(1));
        var due = await sut.Runner.RunDueAsync();

        // Assert
        Assert.Equal(0, early);
        Assert.Equal(WorkflowRuntimeStatus.Running, earlyStatus!.RuntimeStatus);
        Assert.Equal(1, due);
        var output = (await sut.Client.GetStatusAsync(id))!.ReadOutputAs<ReminderOutput>()!;
        Assert.Equal(start, output.StartedUtc);
        Assert.Equal(start.AddMinutes(60), output.FiredUtc);
        Assert.NotEqual(Guid.Empty, output.Marker);
    }

    [Fact]
    public async Task RunDueAsync_WorkflowCodeChangedMidFlight_FailsInstanceAsNondeterministic()
    {
        // Arrange: the instance recorded "invoice, then ship (retry pending)" under the original code.
        var original = CreateSut();
        _probe.ShipFailures.Enqueue(new ConnectorException("ups", ErrorKind.Transient, "UPS answered 503."));
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:1007");
        await original.Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "1007"));
        await original.Runner.RunDueAsync();
        var redeployed = WorkflowTestHost.Create(_tables, _time, _probe, services =>
        {
            services.Remove(services.Single(d => d.ImplementationInstance is WorkflowRegistration { Type: var t } && t == typeof(OrderSyncWorkflow)));
            services.AddWorkflow<ReorderedOrderSyncWorkflow>();
        });
        _hosts.Add(redeployed);

        // Act
        _time.Advance(TimeSpan.FromSeconds(10));
        await redeployed.Runner.RunDueAsync();

        // Assert: it fails loudly instead of shipping before invoicing.
        var status = await redeployed.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal("Nondeterminism", status.Failure!.ErrorType);
        Assert.Contains("code changed", status.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _probe.ShipAttempts);
        Assert.Equal(1, _probe.InvoiceCalls);
    }

    private WorkflowTestHost CreateSut()
    {
        var host = WorkflowTestHost.Create(_tables, _time, _probe);
        _hosts.Add(host);
        return host;
    }
}
