using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// The retention purge on the standalone host's engine: <c>TaskHubWorkflowClient.PurgeCompletedAsync</c> over a real
/// DurableTask.AzureStorage task hub in Azurite, and <see cref="WorkflowHistoryPurgeJob"/> over it.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaskHubWorkflowPurgeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowProbe _probe = new();
    private readonly string _prefix = azurite.NewPrefix();
    private TaskHubTestHost _host = null!;

    private IWorkflowClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await TaskHubTestHost.StartAsync(azurite, _prefix, _probe);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PurgeCompletedAsync_MixOfStatuses_PurgesOnlyOldCompletedAndKeepsRunningFailedAndReplays()
    {
        // Arrange: one completed, one waiting for an event (running), one failed, one failed and then replayed (completed replay).
        var completed = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:7001");
        var running = WorkflowInstanceId.For("qbd-shipstation", "c1", "order:7002");
        var failed = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:7003");
        var replayedRoot = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:7004");
        await Client.StartAsync(nameof(OrderSyncWorkflow), completed, new OrderInput("c1", "7001"));
        await Client.StartAsync(nameof(ApprovalWorkflow), running, new ApprovalInput("c1", "7002", TimeoutSeconds: 600));
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await WorkflowWait.ForAsync(Client, completed)).RuntimeStatus);
        _probe.ShipFailures.Enqueue(new ConnectorValidationException("ups", "Service code 99 is not mapped."));
        await Client.StartAsync(nameof(OrderSyncWorkflow), failed, new OrderInput("c1", "7003"));
        Assert.Equal(WorkflowRuntimeStatus.Failed, (await WorkflowWait.ForAsync(Client, failed)).RuntimeStatus);
        _probe.ShipFailures.Enqueue(new ConnectorValidationException("ups", "Service code 99 is not mapped."));
        await Client.StartAsync(nameof(OrderSyncWorkflow), replayedRoot, new OrderInput("c1", "7004"));
        Assert.Equal(WorkflowRuntimeStatus.Failed, (await WorkflowWait.ForAsync(Client, replayedRoot)).RuntimeStatus);
        var replay = await Client.ReplayAsync(replayedRoot);
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await WorkflowWait.ForAsync(Client, replay.InstanceId)).RuntimeStatus);
        await WorkflowWait.UntilAsync(async () => (await Client.GetStatusAsync(running))?.ReadCustomStatusAs<ApprovalStatus>() == new ApprovalStatus("awaiting-approval"));
        var everything = TimeProvider.System.GetUtcNow().AddSeconds(5);

        // Act
        var tooRecent = await Client.PurgeCompletedAsync(everything.AddHours(-1), maxInstances: 100);
        var result = await Client.PurgeCompletedAsync(everything, maxInstances: 100);

        // Assert
        Assert.Equal(WorkflowPurgeResult.None, tooRecent);
        Assert.Equal(1, result.Instances);
        Assert.True(result.Rows >= 5, $"Only {result.Rows} history rows were reported deleted.");
        Assert.Equal(1, result.Kept);
        Assert.False(result.More);
        Assert.Null(await Client.GetStatusAsync(completed));
        Assert.Equal(WorkflowRuntimeStatus.Running, (await Client.GetStatusAsync(running))?.RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Failed, (await Client.GetStatusAsync(failed))?.RuntimeStatus);
        Assert.Equal(replay.InstanceId, (await Client.GetStatusAsync(replayedRoot))?.ReplayedBy);
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await Client.GetStatusAsync(replay.InstanceId))?.RuntimeStatus);
        Assert.DoesNotContain(completed, (await Client.ListAsync(WorkflowRuntimeStatus.Completed)).Select(s => s.InstanceId));
    }

    [Fact]
    public async Task PurgeCompletedAsync_ThenTheSameIdStartedAgain_RunsAgainButTheLedgerKeepsTheSideEffectToOne()
    {
        // Arrange
        var id = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:7101");
        await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "7101"));
        await WorkflowWait.ForAsync(Client, id, WorkflowRuntimeStatus.Completed);
        await Client.PurgeCompletedAsync(TimeProvider.System.GetUtcNow().AddSeconds(5), maxInstances: 10);

        // Act: a redelivery of the same record after its instance was purged.
        var again = await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", "7101"));
        var done = await WorkflowWait.ForAsync(Client, id, WorkflowRuntimeStatus.Completed);

        // Assert: the instance was not there to deduplicate, so the workflow ran again; the ledger made its write a no-op.
        Assert.False(again.IsDuplicate);
        Assert.Equal(new OrderOutput("INV-7101", "TRK-7101"), done.ReadOutputAs<OrderOutput>());
        Assert.Equal(2, _probe.InvoiceCalls);
        Assert.Equal(1, _probe.InvoiceSideEffects);
    }

    [Fact]
    public async Task RunAsync_BacklogOverThePassLimit_EachPassPurgesAtMostTheLimitAndLogsWhatItRemoved()
    {
        // Arrange: three completed instances; passes of two, with a retention of one minute on a clock two minutes ahead.
        var ids = Enumerable.Range(7201, 3).Select(n => WorkflowInstanceId.For("shipstation-qbo", "c1", $"order:{n}")).ToList();
        foreach (var id in ids)
        {
            await Client.StartAsync(nameof(OrderSyncWorkflow), id, new OrderInput("c1", id[^4..]));
        }

        foreach (var id in ids)
        {
            await WorkflowWait.ForAsync(Client, id, WorkflowRuntimeStatus.Completed);
        }

        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddMinutes(2));
        var logs = new FakeLogCollector();
        var job = new WorkflowHistoryPurgeJob(
            Client,
            Options.Create(new WorkflowRetentionOptions { WorkflowHistory = TimeSpan.FromMinutes(1), MaxInstancesPerPass = 2 }),
            clock,
            new FakeLogger<WorkflowHistoryPurgeJob>(logs));

        // Act
        await job.RunAsync(clock.GetUtcNow());
        var leftAfterFirst = await CountAsync(ids);
        await job.RunAsync(clock.GetUtcNow());
        var leftAfterSecond = await CountAsync(ids);

        // Assert
        Assert.Equal(WorkflowHistoryPurgeJob.JobName, job.Name);
        Assert.Equal(1, leftAfterFirst);
        Assert.Equal(0, leftAfterSecond);
        var passes = logs.GetSnapshot().Where(r => r.Id.Name == "WorkflowHistoryPurged").ToList();
        Assert.Equal(2, passes.Count);
        Assert.Equal(["2", "True"], [Value(passes[0], "Instances"), Value(passes[0], "More")]);
        Assert.Equal(["1", "False"], [Value(passes[1], "Instances"), Value(passes[1], "More")]);
        Assert.True(int.Parse(Value(passes[0], "Rows"), CultureInfo.InvariantCulture) > 0);
    }

    private static string Value(FakeLogRecord record, string key) =>
        record.StructuredState!.Single(kv => kv.Key == key).Value!;

    private async Task<int> CountAsync(IEnumerable<string> ids)
    {
        var count = 0;
        foreach (var id in ids)
        {
            count += await Client.GetStatusAsync(id) is null ? 0 : 1;
        }

        return count;
    }
}
