using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connections;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// Admission per connection on the standalone host's engine (the Durable Task Framework over a real Azurite task hub,
/// through <c>TaskHubWorkflowClient</c>), with the real <see cref="HeldWorkStore"/>: starts beyond the connection's limit are
/// held, in arrival order, and released only as its running instances finish. The instances wait for an event, so they hold
/// no activity slot while they run; the admission's clock is a fake one, so a count is made again only when the test says.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WorkflowAdmissionIntegrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Limit = 2;
    private readonly FakeTimeProvider _admissionClock = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", CultureInfo.InvariantCulture));
    private readonly string _prefix = azurite.NewPrefix();
    private TaskHubTestHost _host = null!;

    private IWorkflowClient Client => _host.Client;

    private HeldWorkStore Held => _host.Services.GetRequiredService<HeldWorkStore>();

    public async Task InitializeAsync() => _host = await TaskHubTestHost.StartAsync(azurite, _prefix, new WorkflowProbe(), services =>
    {
        var tables = new TableProvider(azurite.TableService, new StorageNames(_prefix));
        services.AddSingleton<IConnectionStore>(new TableConnectionStore(tables, TimeProvider.System));
        services.AddSingleton(new HeldWorkStore(tables, TimeProvider.System));
        services.AddSingleton<ConnectionPauseGate>();
        services.AddSingleton(new WorkflowAdmission(Options.Create(new WorkflowAdmissionOptions { MaxActivePerConnection = Limit, CountInterval = TimeSpan.FromSeconds(5) }), _admissionClock));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartAsync_BeyondTheLimit_HoldsInArrivalOrderAndReleasesOnlyAsRunningInstancesFinish()
    {
        // Arrange: five orders of connection c1 arrive, one of c2, and the third order is redelivered.
        var ids = Enumerable.Range(1, 5).Select(n => Id("c1", n)).ToList();

        // Act 1
        var starts = new List<WorkflowStartResult>();
        foreach (var (id, n) in ids.Select((id, i) => (id, i + 1)))
        {
            starts.Add(await Client.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("c1", n.ToString(CultureInfo.InvariantCulture), TimeoutSeconds: 600)));
        }

        var redelivered = await Client.StartAsync(nameof(ApprovalWorkflow), ids[2], new ApprovalInput("c1", "3", TimeoutSeconds: 600));
        var otherConnection = await Client.StartAsync(nameof(ApprovalWorkflow), Id("c2", 1), new ApprovalInput("c2", "1", TimeoutSeconds: 600));
        var heldAfterArrival = await Held.ListAsync("c1");

        // Act 2: a release while both admitted instances still run starts nothing.
        _admissionClock.Advance(TimeSpan.FromSeconds(6));
        var atLimit = await Client.ReleaseHeldAsync("c1");

        // Act 3: the first instance finishes; the next release (a new count) starts exactly one, the oldest held.
        await ApproveAsync(ids[0]);
        _admissionClock.Advance(TimeSpan.FromSeconds(6));
        var afterOne = await Client.ReleaseHeldAsync("c1");
        var startedAfterOne = await ExistingAsync(ids);

        // Act 4: everything running finishes; the last release starts the rest and the connection stops holding.
        await ApproveAsync(ids[1]);
        await ApproveAsync(ids[2]);
        _admissionClock.Advance(TimeSpan.FromSeconds(6));
        var last = await Client.ReleaseHeldAsync("c1");
        await ApproveAsync(ids[3]);
        await ApproveAsync(ids[4]);

        // Assert
        Assert.Equal([false, false, true, true, true], starts.Select(s => s.IsHeld));
        Assert.All(starts, s => Assert.False(s.IsDuplicate));
        Assert.True(redelivered is { IsHeld: true, IsDuplicate: true }, $"redelivery: {redelivered}");
        Assert.False(otherConnection.IsHeld); // the limit is per connection
        Assert.Equal(ids[2..], heldAfterArrival.Select(h => h.InstanceId));
        Assert.Equal(new HeldWorkRelease(0, 0, 0, Remaining: true), atLimit);
        Assert.Equal(new HeldWorkRelease(1, 0, 0, Remaining: true), afterOne);
        Assert.Equal(ids[..3], startedAfterOne);
        Assert.Equal(new HeldWorkRelease(2, 0, 0, Remaining: false), last);
        Assert.Empty(await Held.ListAsync("c1"));
        Assert.False(await Held.IsHoldingAsync("c1"));
        foreach (var id in ids)
        {
            Assert.Equal("approved-by:test", (await Client.GetStatusAsync(id))!.ReadOutputAs<string>());
        }
    }

    [Fact]
    public async Task StartAsync_UnderTheLimitAgain_StartsAtOnceWithoutHolding()
    {
        // Arrange: two instances reach the limit, then both finish.
        var first = Id("c3", 1);
        var second = Id("c3", 2);
        await Client.StartAsync(nameof(ApprovalWorkflow), first, new ApprovalInput("c3", "1", TimeoutSeconds: 600));
        await Client.StartAsync(nameof(ApprovalWorkflow), second, new ApprovalInput("c3", "2", TimeoutSeconds: 600));
        await ApproveAsync(first);
        await ApproveAsync(second);

        // Act: a start once the count is made again.
        _admissionClock.Advance(TimeSpan.FromSeconds(6));
        var third = await Client.StartAsync(nameof(ApprovalWorkflow), Id("c3", 3), new ApprovalInput("c3", "3", TimeoutSeconds: 600));

        // Assert
        Assert.False(third.IsHeld);
        Assert.NotNull(await Client.GetStatusAsync(Id("c3", 3)));
        Assert.False(await Held.IsHoldingAsync("c3"));
    }

    private static string Id(string connectionId, int n) => WorkflowInstanceId.For("approval", connectionId, "order:" + n.ToString(CultureInfo.InvariantCulture));

    private async Task ApproveAsync(string instanceId)
    {
        await WorkflowWait.UntilAsync(async () => await Client.GetStatusAsync(instanceId) is { RuntimeStatus: WorkflowRuntimeStatus.Running });
        await Client.RaiseEventAsync(instanceId, ApprovalWorkflow.EventName, new ApprovalDecision("test"));
        await WorkflowWait.ForAsync(Client, instanceId, WorkflowRuntimeStatus.Completed);
    }

    private async Task<List<string>> ExistingAsync(IEnumerable<string> ids)
    {
        var existing = new List<string>();
        foreach (var id in ids)
        {
            if (await Client.GetStatusAsync(id) is not null)
            {
                existing.Add(id);
            }
        }

        return existing;
    }
}
