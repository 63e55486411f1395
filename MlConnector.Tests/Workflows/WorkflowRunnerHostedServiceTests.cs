using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WorkflowRunnerHostedServiceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartAsync_PendingInstancesFromBeforeAndAfterStart_RunsThemToCompletion()
    {
        // Arrange: one instance is left pending by an earlier process, one is started while the host runs.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var probe = new WorkflowProbe();
        await using var host = WorkflowTestHost.Create(azurite.NewTables(), time, probe, s => s.AddWorkflowRunnerHost());
        var before = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:4001");
        var after = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:4002");
        await host.Client.StartAsync(nameof(OrderSyncWorkflow), before, new OrderInput("c1", "4001"));
        var sut = host.Services.GetServices<IHostedService>().OfType<WorkflowRunnerHostedService>().Single();

        // Act
        await sut.StartAsync(CancellationToken.None);
        await host.Client.StartAsync(nameof(OrderSyncWorkflow), after, new OrderInput("c1", "4002"));
        var completed = await WaitUntilCompletedAsync(host.Client, [before, after]);
        await sut.StopAsync(CancellationToken.None);

        // Assert: the fake clock never moved, so the local start signal (not a poll) picked up the second one.
        Assert.True(completed);
        Assert.Equal(2, probe.InvoiceCalls);
    }

    private static async Task<bool> WaitUntilCompletedAsync(IWorkflowClient client, string[] ids)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!deadline.IsCancellationRequested)
        {
            var statuses = await Task.WhenAll(ids.Select(id => client.GetStatusAsync(id)));
            if (statuses.All(s => s?.RuntimeStatus == WorkflowRuntimeStatus.Completed))
            {
                return true;
            }

            await Task.Delay(25, CancellationToken.None);
        }

        return false;
    }
}
