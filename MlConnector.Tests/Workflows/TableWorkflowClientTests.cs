using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TableWorkflowClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly WorkflowProbe _probe = new();
    private WorkflowTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = WorkflowTestHost.Create(azurite.NewTables(), _time, _probe);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartAsync_SameIdTwice_SecondIsDuplicateInEveryState()
    {
        // Arrange
        var sut = _host.Client;
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:3001");
        var input = new OrderInput("c1", "3001");

        // Act
        var first = await sut.StartAsync(nameof(OrderSyncWorkflow), id, input);
        var whilePending = await sut.StartAsync(nameof(OrderSyncWorkflow), id, input);
        await _host.Runner.RunDueAsync();
        var afterCompletion = await sut.StartAsync(nameof(OrderSyncWorkflow), id, input with { OrderNumber = "other" });
        var runsAfterDuplicate = await _host.Runner.RunDueAsync();

        // Assert
        Assert.Equal(new WorkflowStartResult(id, IsDuplicate: false, WorkflowRuntimeStatus.Pending), first);
        Assert.Equal(new WorkflowStartResult(id, IsDuplicate: true, WorkflowRuntimeStatus.Pending), whilePending);
        Assert.Equal(new WorkflowStartResult(id, IsDuplicate: true, WorkflowRuntimeStatus.Completed), afterCompletion);
        Assert.Equal(0, runsAfterDuplicate);
        Assert.Equal(input, (await sut.GetStatusAsync(id))!.ReadInputAs<OrderInput>());
        Assert.Equal(1, _probe.InvoiceCalls);
    }

    [Fact]
    public async Task StartAsync_ConcurrentStartsOfOneId_CreateExactlyOneInstance()
    {
        // Arrange: a burst of redelivered webhooks for one order.
        var sut = _host.Client;
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:3002");

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Task.Run(() => sut.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "3002")))));
        await _host.Runner.RunDueAsync();

        // Assert
        Assert.Single(results, r => !r.IsDuplicate);
        Assert.Equal(11, results.Count(r => r.IsDuplicate));
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await sut.GetStatusAsync(id))!.RuntimeStatus);
        Assert.Equal(1, _probe.InvoiceCalls);
        Assert.Equal(1, _probe.ShipAttempts);
    }

    [Fact]
    public async Task StartAsync_UnregisteredWorkflow_ThrowsArgumentException()
    {
        // Arrange
        var sut = _host.Client;

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => sut.StartAsync("NoSuchWorkflow", "kind:c1:x", new OrderInput("c1", "1")));

        // Assert
        Assert.Contains("NoSuchWorkflow", error.Message, StringComparison.Ordinal);
        Assert.Null(await sut.GetStatusAsync("kind:c1:x"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("@entity")]
    [InlineData(" ")]
    public async Task StartAsync_InvalidInstanceId_ThrowsArgumentException(string instanceId)
    {
        // Arrange
        var sut = _host.Client;

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.StartAsync(nameof(OrderSyncWorkflow), instanceId, new OrderInput("c1", "1")));
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsInvalidOperationException()
    {
        // Arrange
        var sut = _host.Client;

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RaiseEventAsync("kind:c1:missing", "approval", new ApprovalDecision("x")));

        // Assert
        Assert.Contains("kind:c1:missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_InstanceNotFailed_ThrowsWithClearMessage()
    {
        // Arrange
        var sut = _host.Client;
        var id = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:3003");
        await sut.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", "3003", TimeoutMinutes: 60));
        await _host.Runner.RunDueAsync();

        // Act
        var running = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ReplayAsync(id));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ReplayAsync("kind:c1:missing"));

        // Assert
        Assert.Equal($"Instance '{id}' is Running; only a Failed instance can be replayed.", running.Message);
        Assert.Contains("No workflow instance", missing.Message, StringComparison.Ordinal);
        Assert.Null(await sut.GetStatusAsync(id + ":r1"));
    }

    [Fact]
    public async Task ListAsync_ByStatusAndConnection_ReturnsOnlyMatches()
    {
        // Arrange
        var sut = _host.Client;
        var done = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:3004");
        var waiting = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:3005");
        var otherConnection = WorkflowInstanceId.For("qbd-shipstation", "c2", "order:3006");
        await sut.StartAsync(nameof(OrderSyncWorkflow), done, new OrderInput("c1", "3004"));
        await sut.StartAsync(nameof(ApprovalWorkflow), waiting, new ApprovalInput("c1", "3005", TimeoutMinutes: 60));
        await sut.StartAsync(nameof(ApprovalWorkflow), otherConnection, new ApprovalInput("c2", "3006", TimeoutMinutes: 60));
        await _host.Runner.RunDueAsync();

        // Act
        var all = await sut.ListAsync();
        var runningC1 = await sut.ListAsync(WorkflowRuntimeStatus.Running, "c1");
        var completed = await sut.ListAsync(WorkflowRuntimeStatus.Completed);

        // Assert
        Assert.Equal(3, all.Count);
        Assert.Equal([waiting], runningC1.Select(s => s.InstanceId));
        Assert.Equal([done], completed.Select(s => s.InstanceId));
        Assert.All(all, s => Assert.Equal(_time.GetUtcNow(), s.CreatedUtc));
    }
}
